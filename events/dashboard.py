"""The dashboard's "Coming up" panel: the student's next live sessions, registered events
and evaluation deadlines, from the calendar's personal sources (two or three queries
whatever the number of courses; nothing shown when nothing is coming)."""

from datetime import timedelta

from django.utils import timezone
from wagtail import hooks

from accounts.dashboard import DashboardPanel

from .calendar.sources import personal_entries

HORIZON = timedelta(days=30)
LIMIT = 6


def coming_up(user, now=None):
    """The next ``LIMIT`` entries of ``user``'s calendar in the coming ``HORIZON`` (cancelled
    ones left out: a calendar needs them, a to-do list does not)."""
    now = now or timezone.now()
    entries = [entry for entry in personal_entries(user, now, now + HORIZON) if not entry.cancelled]
    return [entry for entry in entries if entry.end >= now][:LIMIT]


@hooks.register("register_dashboard_panel")
def coming_up_panel(request):
    if not request.user.is_authenticated:
        return None
    entries = coming_up(request.user)
    if not entries:
        return None
    return DashboardPanel("events/dashboard/coming_up.html", {"entries": entries}, order=15)
