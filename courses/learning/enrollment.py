"""Enrollment: the only way a student joins a course is ``enroll``.

An enrollment belongs to the course (its ``translation_key``), never to one language
version of it.
"""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caching import scopes

from .. import cached
from ..exceptions import EnrollmentError
from ..models import Enrollment
from ..signals import enrolled, enrollment_ended

Source = Enrollment.Source

# Who may end their own enrollment on the site: free courses and auditing. Paid
# enrollments end by a refund or an administrator.
LEAVABLE_SOURCES = {Source.FREE, Source.AUDIT}


class EndReason(models.TextChoices):
    LEFT = "left", _("Left by the student")
    REFUND = "refund", _("Refunded")
    DISPUTE = "dispute", _("Payment disputed")
    ADMIN = "admin", _("Removed by staff")


def enrollment_for(user, course):
    """The user's enrollment in ``course`` (any language version), or None.
    Remembered on the user for the rest of the request."""
    if not user.is_authenticated or course is None:
        return None
    cache = user.__dict__.setdefault("_aula_enrollments", {})
    key = course.translation_key
    if key not in cache:
        cache[key] = cached.enrollment(user, key, lambda: Enrollment.objects.filter(user=user, course_key=key).first())
    return cache[key]


def student_count(course, request=None):
    """How many students the course has (every language version, audits included). With a
    ``request`` the count is shared until the next change (it is shown to everyone)."""
    if course is None or not course.pk:
        return 0

    def count():
        return Enrollment.objects.filter(course_key=course.translation_key).count()

    if request is None:
        return count()
    return cached.student_count(request, course.translation_key, count)


def forget_cached(user):
    user.__dict__.pop("_aula_enrollments", None)


def is_enrolled(user, course):
    return enrollment_for(user, course) is not None


def enroll(user, course, source):
    """Enroll ``user`` in ``course``; idempotent and safe under concurrent requests.

    An audit enrollment upgraded by a purchase, program or admin keeps its progress:
    only its source changes. Returns ``(enrollment, created)``.
    """
    if source not in Source.values:
        raise ValueError(f"unknown enrollment source {source!r}")
    if source == Source.FREE and not course.is_free:
        raise EnrollmentError(_("This course is not free."))
    # Price and audit are the course's as authored (courses/sources.py), not a translation's.
    if source == Source.AUDIT and not can_be_audited(course):
        raise EnrollmentError(_("This course cannot be audited."))
    forget_cached(user)
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                user=user, course_key=course.translation_key, course=course, source=source
            )
    except IntegrityError:  # already enrolled (perhaps by a simultaneous request)
        enrollment = Enrollment.objects.get(user=user, course_key=course.translation_key)
        if enrollment.is_audit and source in (Source.PURCHASE, Source.PROGRAM, Source.ADMIN):
            enrollment.source = source
            enrollment.save(update_fields=["source"])
        return enrollment, False
    enrolled.send(sender=Enrollment, enrollment=enrollment, created=True)
    return enrollment, True


def can_be_audited(course):
    """A paid course whose instructors allow auditing (non-graded content for free)."""
    return bool(course.rules.audit_allowed and not course.is_free)


def can_leave(enrollment):
    """Whether the student may end ``enrollment`` themselves (``leave``)."""
    return enrollment is not None and enrollment.source in LEAVABLE_SOURCES


def end_enrollment(enrollment, reason):
    """End ``enrollment`` (a refund, a disputed payment, an administrator's removal, the
    student leaving): the access rule stops admitting the student at once, their progress
    (completions, playback positions) is kept should they come back, and ``enrollment_ended``
    is sent (a refunded or disputed enrollment's certificate is then revoked)."""
    if reason not in EndReason.values:
        raise ValueError(f"unknown reason for ending an enrollment {reason!r}")
    user, course_key = enrollment.user, enrollment.course_key
    with transaction.atomic():
        deleted, _rows = Enrollment.objects.filter(pk=enrollment.pk).delete()
    forget_cached(user)
    if deleted:
        enrollment_ended.send(sender=Enrollment, enrollment=enrollment, user=user, course_key=course_key, reason=reason)
    return bool(deleted)


def leave(user, course):
    """A student may leave a free course or stop auditing; their progress is kept should
    they come back. Paid enrollments are ended by a refund, not here."""
    enrollment = enrollment_for(user, course)
    if enrollment is None:
        raise EnrollmentError(_("You are not enrolled in this course."))
    if not can_leave(enrollment):
        raise EnrollmentError(_("A purchased enrollment cannot be left here; ask for a refund instead."))
    end_enrollment(enrollment, EndReason.LEFT)


def touch(enrollment):
    """Record activity (for "active in the last 7 days")."""
    now = timezone.now()
    if enrollment.last_activity_at is None or (now - enrollment.last_activity_at).total_seconds() > 60:
        Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=now)
        enrollment.last_activity_at = now
        scopes.renew(scopes.user(enrollment.user_id))  # a queryset update: no save signal
