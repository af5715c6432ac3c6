"""The dashboard's "Coming up" panel: the student's next live sessions, registered events
and evaluation deadlines, from the calendar's personal sources (two or three queries
whatever the number of courses; nothing shown when nothing is coming)."""

import hashlib
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import get_language
from wagtail import hooks

from accounts.dashboard import kept_panel

from .calendar.sources import personal_entries

HORIZON = timedelta(days=30)
LIMIT = 6


def coming_up(user, now=None):
    """The next ``LIMIT`` entries of ``user``'s calendar in the coming ``HORIZON`` (cancelled
    ones left out: a calendar needs them, a to-do list does not)."""
    now = now or timezone.now()
    entries = [entry for entry in personal_entries(user, now, now + HORIZON) if not entry.cancelled]
    return [entry for entry in entries if entry.end >= now][:LIMIT]


def kept_coming_up(user, now=None):
    """``coming_up`` from the user's personal cache: the entries of the hour's calendar (from
    its start to ``HORIZON`` and an hour after), kept until the user's scope (enrollments,
    registrations, attempts), ``CATALOG`` (a course page published: its live sessions and
    deadlines) or ``EVENTS`` (a master class saved) is renewed, cut to what is coming now.
    Four queries on every dashboard before; none while it holds."""
    from caching.personal_cache import personal_value
    from caching.scopes import CATALOG

    from .renewals import EVENTS

    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)

    def read():
        entries = personal_entries(user, hour, hour + HORIZON + timedelta(hours=1))
        return [entry for entry in entries if not entry.cancelled]

    entries = personal_value(user.pk, f"coming-up:{get_language()}:{hour.isoformat()}", read, [CATALOG, EVENTS])
    return [entry for entry in entries if entry.end > now and entry.start < now + HORIZON][:LIMIT]


@hooks.register("register_dashboard_panel")
def coming_up_panel(request):
    """Rendered once per list of entries shown (named by their uids: the cut moves with the
    time) and kept in the user's personal cache under the same scopes as the entries."""
    from caching.scopes import CATALOG

    from .renewals import EVENTS

    if not request.user.is_authenticated:
        return None
    entries = kept_coming_up(request.user)
    if not entries:
        return None
    shown = hashlib.sha256(" ".join(entry.uid for entry in entries).encode()).hexdigest()[:20]
    template = "events/dashboard/coming_up.html"
    return kept_panel(request, f"coming-up:{shown}", template, lambda: {"entries": entries}, 15, [CATALOG, EVENTS])
