"""The dashboard's "Evaluations" panel: open attempts with their time left and attempts
waiting for an instructor. Two queries (one without attempts); nothing shown when there is nothing to say."""

from wagtail import hooks

from accounts.dashboard import DashboardPanel
from courses.models import ResourcePage
from lms_site.localized import pages_in_active_language

from .attempts import close_attempt, is_expired, seconds_left
from .models import Attempt, AttemptStatus


@hooks.register("register_dashboard_panel")
def evaluations_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    waiting = list(
        Attempt.objects.filter(user=user, status__in=[AttemptStatus.IN_PROGRESS, AttemptStatus.PENDING_REVIEW]).defer(
            "snapshot"
        )
    )
    for attempt in [a for a in waiting if is_expired(a)]:  # graded as of its deadline: no longer open
        waiting.remove(attempt)
        if close_attempt(attempt).status == AttemptStatus.PENDING_REVIEW:
            waiting.append(attempt)
    if not waiting:
        return None
    resources = pages_in_active_language(
        ResourcePage.objects.live().defer_streamfields(), {a.resource_key for a in waiting}
    )
    rows = [{"attempt": a, "resource": resources.get(a.resource_key), "seconds_left": seconds_left(a)} for a in waiting]
    return DashboardPanel(
        "assessments/dashboard/evaluations.html",
        {
            "open": [row for row in rows if row["attempt"].is_open],
            "pending": [row for row in rows if not row["attempt"].is_open],
        },
        order=20,
    )
