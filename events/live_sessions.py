"""Live sessions inside courses: the ``live_session`` block's rules.

- ``sync_live_session``: the queryable ``LiveSession`` row follows the SOURCE resource's
  published block (publish, unpublish, delete, move: receivers.py); a change of title or
  times bumps its ``sequence``; an unpublished or removed session is kept as cancelled.
- ``session_state``: what one visitor sees on the resource page — the join link only for an
  enrolled student (or the course's staff) from ``JOIN_OPENS_BEFORE`` before the start until
  the end, decided here on the server, never by the browser.
- ``mark_attended``: an instructor marks a student present; the resource completes for them
  through ``courses.learning.progress.mark_complete``. Watching the recording completes it
  too: the block declares ``completion = playback`` and holds the recording in its ``video``
  child, so the course player reports progress as for any video.
"""

from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.learning.enrollment import enrollment_for
from courses.learning.progress import mark_complete
from courses.models import Enrollment, ResourcePage
from courses.teaching import is_course_instructor

from .exceptions import LiveSessionError
from .models import LiveSession, LiveSessionAttendance

LIVE_SESSION_BLOCK = "live_session"
JOIN_OPENS_BEFORE = timedelta(minutes=15)


def in_utc(value):
    """``value`` as an aware datetime in UTC (a naive one is read as UTC: how the block stores it)."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def live_session_in(body):
    """``(block_id, value)`` of the live session in a resource body, or None."""
    for child in body or []:
        if child.block_type == LIVE_SESSION_BLOCK:
            return child.id, child.value
    return None


def _source_resource(translation_key):
    """The live language version translations are made from (wagtail-localize's source)."""
    from wagtail_localize.models import TranslationSource

    versions = ResourcePage.objects.live().filter(translation_key=translation_key)
    source = TranslationSource.objects.filter(object_id=translation_key).select_related("locale").first()
    if source is not None:
        page = versions.filter(locale=source.locale).first()
        if page is not None:
            return page
    return versions.order_by("pk").first()


def sync_live_session(translation_key):
    """Bring the ``LiveSession`` of the resource ``translation_key`` in line with its live
    source's block. Returns the row, or None when there never was one."""
    source = _source_resource(translation_key)
    found = live_session_in(source.body) if source is not None else None
    course = source.course if source is not None else None
    with transaction.atomic():
        row = LiveSession.objects.select_for_update().filter(resource_key=translation_key).first()
        if found is None or course is None:
            if row is not None and not row.cancelled:
                row.cancelled = True
                row.sequence += 1
                row.save()
            return row
        block_id, value = found
        fields = {
            "course_key": course.translation_key,
            "block_id": block_id,
            "title": (value.get("title") or source.title)[:255],
            "start": in_utc(value["start"]),
            "end": in_utc(value["end"]),
            "cancelled": False,
        }
        if row is None:
            return LiveSession.objects.create(resource_key=translation_key, **fields)
        changed = [name for name, new in fields.items() if getattr(row, name) != new]
        if changed:
            for name in changed:
                setattr(row, name, fields[name])
            if set(changed) & {"title", "start", "end", "cancelled"}:
                row.sequence += 1
            row.save()
        return row


@dataclass(frozen=True)
class SessionState:
    """What the block shows one visitor."""

    start: object
    end: object
    is_participant: bool  # enrolled (or the course's staff): sees "Add to calendar"
    can_join: bool  # a participant, inside the window: sees the join link
    join_opens: object
    has_started: bool
    has_ended: bool
    attended: bool


def is_participant(user, resource):
    course = resource.course
    if course is None or not user.is_authenticated:
        return False
    return enrollment_for(user, course) is not None or is_course_instructor(user, course)


def session_state(user, resource, value, now=None):
    now = now or timezone.now()
    start, end = in_utc(value.get("start")), in_utc(value.get("end"))
    participant = is_participant(user, resource) if resource is not None else False
    opens = start - JOIN_OPENS_BEFORE if start else None
    can_join = bool(participant and start and end and opens <= now < end and value.get("join_url"))
    attended = bool(
        participant and LiveSessionAttendance.objects.filter(user=user, resource_key=resource.translation_key).exists()
    )
    return SessionState(
        start=start,
        end=end,
        is_participant=participant,
        can_join=can_join,
        join_opens=opens,
        has_started=bool(start and now >= start),
        has_ended=bool(end and now >= end),
        attended=attended,
    )


def may_mark_attendance(user, resource):
    course = resource.course
    return user.is_authenticated and course is not None and (user.is_superuser or is_course_instructor(user, course))


def sessions_taught_by(user):
    """The live sessions (not cancelled) of the courses ``user`` teaches (all for a superuser)."""
    from courses.teaching import courses_taught_by

    sessions = LiveSession.objects.filter(cancelled=False)
    if not user.is_superuser:
        sessions = sessions.filter(course_key__in=courses_taught_by(user).values("translation_key"))
    return sessions.order_by("-start")


def students_of(session):
    """The students enrolled in the session's course, with whether each attended."""
    attended = set(
        LiveSessionAttendance.objects.filter(resource_key=session.resource_key).values_list("user_id", flat=True)
    )
    enrollments = Enrollment.objects.filter(course_key=session.course_key).select_related("user")
    return [(e.user, e.user_id in attended) for e in enrollments.order_by("user__email")]


def mark_attended(instructor, resource, students):
    """Mark ``students`` present at the live session of ``resource`` and complete it for
    each (idempotent). Only the course's instructors (and superusers) may."""
    if not may_mark_attendance(instructor, resource):
        raise LiveSessionError(_("Only this course's instructors can mark attendance."))
    course = resource.course
    marked = 0
    for student in students:
        if enrollment_for(student, course) is None:
            raise LiveSessionError(_("%(name)s is not enrolled in this course.") % {"name": student})
        _attendance, created = LiveSessionAttendance.objects.get_or_create(
            user=student,
            resource_key=resource.translation_key,
            defaults={"course_key": course.translation_key, "marked_by": instructor},
        )
        marked += created
        mark_complete(student, resource)
    return marked


def unmark_attended(instructor, resource, students):
    """Take back attendance marked by mistake (a completion already recorded stays)."""
    if not may_mark_attendance(instructor, resource):
        raise LiveSessionError(_("Only this course's instructors can mark attendance."))
    deleted, _rows = LiveSessionAttendance.objects.filter(
        resource_key=resource.translation_key, user__in=list(students)
    ).delete()
    return deleted
