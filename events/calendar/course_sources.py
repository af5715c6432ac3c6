"""Calendar entries from courses: the live sessions (``events.LiveSession``) and evaluation
windows (``assessments.EvaluationWindow``) of the courses a student is enrolled in. Each
reads one query for its rows (titles of evaluations: one more); entries link to
``/calendar/open/<resource key>/``, which opens the resource in the visitor's language,
so no page is read to list them."""

import uuid
from datetime import UTC, datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Enrollment, ResourcePage

from ..models import LiveSession
from .sources import CalendarEntry

LIVE_SESSION = "live_session"
EVALUATION = "evaluation"
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def resource_url(resource_key):
    return reverse("calendar_open_resource", args=[resource_key])


def _courses_of(user):
    return Enrollment.objects.filter(user=user).values("course_key")


def _live_entry(session):
    return CalendarEntry(
        uid=f"{LIVE_SESSION}-{session.resource_key}",
        title=session.title,
        start=session.start,
        end=session.end,
        url=resource_url(session.resource_key),
        kind=LIVE_SESSION,
        sequence=session.sequence,
        cancelled=session.cancelled,
        description=_("Live session"),
    )


def live_sessions_for(user, start, end):
    """The live sessions of ``user``'s courses overlapping ``[start, end)``, cancelled ones
    included (a subscribed calendar must learn of the cancellation). One query."""
    sessions = LiveSession.objects.filter(course_key__in=_courses_of(user), start__lt=end, end__gt=start)
    return [_live_entry(session) for session in sessions]


def live_session_by_key(key):
    session = LiveSession.objects.filter(resource_key=uuid.UUID(str(key))).first()
    return _live_entry(session) if session is not None else None


def _windows(**filters):
    from assessments.models import EvaluationWindow

    return EvaluationWindow.objects.filter(**filters)


def _titles(resource_keys):
    from core.localized import pages_in_active_language

    pages = pages_in_active_language(ResourcePage.objects.live().defer_streamfields(), resource_keys)
    return {key: page.title for key, page in pages.items()}


def _evaluation_entries(window, title, start, end):
    """The opening and the closing of an evaluation window that fall in ``[start, end)``."""
    entries = []
    marks = [
        ("opens", window.available_from, _("Opens: %(title)s")),
        ("closes", window.available_until, _("Deadline: %(title)s")),
    ]
    for moment, when, label in marks:
        if when is not None and start <= when < end:
            entries.append(
                CalendarEntry(
                    uid=f"{EVALUATION}-{window.resource_key}-{moment}",
                    title=label % {"title": title},
                    start=when,
                    end=when,
                    url=resource_url(window.resource_key),
                    kind=EVALUATION,
                    description=_("Evaluation"),
                )
            )
    return entries


def evaluations_for(user, start, end):
    """When the evaluations of ``user``'s courses (not audited) open and close within
    ``[start, end)``, those they passed left out. Two queries (windows, titles)."""
    from django.db.models import Q

    from assessments.models import Attempt

    courses = Enrollment.objects.filter(user=user).exclude(source=Enrollment.Source.AUDIT).values("course_key")
    passed = Attempt.objects.filter(user=user, passed=True).values("resource_key")
    windows = list(
        _windows(course_key__in=courses)
        .filter(
            Q(available_from__gte=start, available_from__lt=end)
            | Q(available_until__gte=start, available_until__lt=end)
        )
        .exclude(resource_key__in=passed)
    )
    if not windows:
        return []
    titles = _titles({window.resource_key for window in windows})
    entries = []
    for window in windows:
        if window.resource_key in titles:  # unpublished since: nothing to open
            entries.extend(_evaluation_entries(window, titles[window.resource_key], start, end))
    return entries


def evaluation_by_key(key):
    """``<resource key>-opens`` or ``<resource key>-closes``."""
    resource_key, _dash, moment = str(key).rpartition("-")
    window = _windows(resource_key=uuid.UUID(resource_key)).first()
    if window is None or moment not in ("opens", "closes"):
        return None
    title = _titles({window.resource_key}).get(window.resource_key)
    if title is None:
        return None
    entries = _evaluation_entries(window, title, _EARLIEST, _LATEST)
    return next((entry for entry in entries if entry.uid.endswith(f"-{moment}")), None)
