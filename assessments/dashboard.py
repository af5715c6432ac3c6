"""The dashboard's "Evaluations" panel: open attempts with their time left, attempts
waiting for an instructor, and upcoming availability deadlines of the student's courses
(soonest first, shown in their time zone). A fixed number of queries whatever the number
of courses; nothing shown when there is nothing to say."""

import hashlib

from django.utils import timezone
from wagtail import hooks

from accounts.dashboard import DashboardPanel, kept_panel
from caching.personal_cache import personal_value
from caching.scopes import CATALOG
from caching.scopes import course as course_scope
from caching.shared import shared_fragment
from core.localized import pages_in_active_language
from courses.models import CoursePage, ResourcePage

from .attempts import close_attempt, is_expired, seconds_left
from .availability import upcoming_deadlines
from .models import Attempt, AttemptStatus


def _waiting_attempts(user):
    """Open attempts and attempts pending review (an expired one is graded first, as of its
    deadline: it is no longer open). Kept in the user's personal cache: saving an attempt
    renews it."""

    def read():
        waiting = Attempt.objects.filter(
            user=user, status__in=[AttemptStatus.IN_PROGRESS, AttemptStatus.PENDING_REVIEW]
        )
        return list(waiting.defer("snapshot"))

    waiting = personal_value(user.pk, "waiting-attempts", read)
    for attempt in [a for a in waiting if is_expired(a)]:
        waiting.remove(attempt)
        if close_attempt(attempt).status == AttemptStatus.PENDING_REVIEW:
            waiting.append(attempt)
    return waiting


def _upcoming_deadlines(request, now, limit=10):
    """``upcoming_deadlines``, from the user's personal cache: what it depends on is theirs
    (enrollments, passed attempts: both renew it) or published (the windows follow
    publishing inside any course, which renews ``CATALOG``). The windows closed since it
    was read are left out here."""
    user = request.user
    windows = personal_value(user.pk, "deadlines", lambda: upcoming_deadlines(user, now, limit=None), [CATALOG])
    return [w for w in windows if w.available_until > now][:limit]


def _page_links(request, resource_keys, course_keys):
    """``({resource key: {"title", "url"}}, {course key: {"title"}})`` in the active
    language, shared until one of the courses changes (the panel is on every dashboard)."""

    def read():
        resources = pages_in_active_language(ResourcePage.objects.live().defer_streamfields(), resource_keys)
        courses = pages_in_active_language(CoursePage.objects.live().defer_streamfields(), course_keys)
        return (
            {key: {"title": page.title, "url": page.get_url(request)} for key, page in resources.items()},
            {key: {"title": page.title} for key, page in courses.items()},
        )

    keys = ",".join(sorted(map(str, resource_keys))) + ";" + ",".join(sorted(map(str, course_keys)))
    name = "evaluation-links:" + hashlib.sha256(keys.encode()).hexdigest()
    return shared_fragment(request, name, read, scopes=[course_scope(key) for key in course_keys])


@hooks.register("register_dashboard_panel")
def evaluations_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    now = timezone.now()
    waiting = _waiting_attempts(user)
    windows = _upcoming_deadlines(request, now)
    if not waiting and not windows:
        return None
    # Each row names its course: evaluations in different courses often share a title.
    course_keys = {a.course_key for a in waiting} | {w.course_key for w in windows}
    resources, courses = _page_links(
        request, {a.resource_key for a in waiting} | {w.resource_key for w in windows}, course_keys
    )
    rows = [
        {
            "attempt": a,
            "resource": resources.get(a.resource_key),
            "course": courses.get(a.course_key),
            "seconds_left": seconds_left(a),
        }
        for a in waiting
    ]
    upcoming = [
        {
            "window": w,
            "resource": resources[w.resource_key],
            "course": courses.get(w.course_key),
            "not_open_yet": bool(w.available_from and w.available_from > now),
        }
        for w in windows
        if w.resource_key in resources  # unpublished since: nothing to open
    ]
    if not rows and not upcoming:
        return None
    context = {
        "open": [row for row in rows if row["attempt"].is_open],
        "pending": [row for row in rows if not row["attempt"].is_open],
        "upcoming": upcoming,
    }
    # Kept rendered under what it shows (the time left is put in as served): the attempts and
    # their state, the windows and whether they are open yet; the titles and links follow
    # their courses.
    shown = [(row["attempt"].pk, row["attempt"].status, row["seconds_left"] is None) for row in rows]
    for row in upcoming:
        shown.append(
            (row["window"].pk, row["window"].available_from, row["window"].available_until, row["not_open_yet"])
        )
    name = "evaluations:" + hashlib.sha256(repr(shown).encode()).hexdigest()[:20]
    scopes = [CATALOG, *(course_scope(key) for key in sorted(map(str, course_keys)))]
    return kept_panel(request, name, "assessments/dashboard/evaluations.html", lambda: context, 20, scopes)


@hooks.register("register_dashboard_panel")
def grading_panel(request):
    """Instructors (and administrators): the essays waiting for them to grade, per course,
    with "Grade next". Students: nothing, for no query (``teaches_anything`` is cached).
    Two queries: the counts, then the courses' titles."""
    from courses.teaching import teaches_anything

    from . import reviewing

    user = request.user
    if not user.is_authenticated or not (user.is_superuser or teaches_anything(user)):
        return None
    by_course, _by_evaluation = reviewing.waiting_by_course(user)
    titles = pages_in_active_language(CoursePage.objects.defer_streamfields(), by_course) if by_course else {}
    courses = sorted(
        (
            {"key": key, "title": titles[key].title if key in titles else "", "count": count}
            for key, count in by_course.items()
        ),
        key=lambda row: row["title"].lower(),
    )
    return DashboardPanel(
        "assessments/dashboard/grading.html",
        {"courses": courses, "waiting": sum(by_course.values())},
        order=6,
    )
