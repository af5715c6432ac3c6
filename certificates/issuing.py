"""Issuing rules: who gets a certificate, when, and what it says.

- A course's certificate is issued once per (student, course), when the course completes
  (``issue_if_complete``, called by the ``course_completed`` receiver). The database
  constraint ``one_certificate_per_course`` makes simultaneous completions issue one.
- Auditors never get one; nor does an enrollment whose requirements are not all met.
- The course's administrators and instructors may issue one by hand (``issue_by_hand``)
  when the rules are met, or with an explicit override whose author and reason are kept.
- They may revoke one with a reason (``revoke``); the holder is e-mailed.
- A certificate whose enrollment is refunded or its payment disputed is revoked with that
  reason (``revoke_unearned``, from the ``enrollment_ended`` receiver); the holder is e-mailed.
- A certificate keeps the course's title (in the learner's language), hours, grade and
  instructors as they were at issue.

Programs and master classes, whose page types live in other apps, are passed in as plain
objects following the small protocols documented on ``issue_program_certificate`` and
``issue_attendance_certificate``.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from caching.registry import renew_rows
from courses.duration import hours_of
from courses.learning.enrollment import enrollment_for
from courses.learning.progress import course_progress
from courses.teaching import is_course_instructor, teachers_of

from .codes import new_code
from .exceptions import CertificateError
from .models import Certificate
from .templates import template_for_course, template_for_object

Kind = Certificate.Kind


def may_manage(user, course):
    """Whether ``user`` issues and revokes certificates of ``course``: administrators and
    the course's owner and instructors."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or is_course_instructor(user, course)


def certificate_for(user, course_key):
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, course_key=course_key).first()


def unmet_rule(student, course):
    """Why ``student`` may not have ``course``'s certificate, or None when the rules are met."""
    enrollment = enrollment_for(student, course)
    if enrollment is None:
        return _("%(student)s is not enrolled in this course.") % {"student": student.get_display_name()}
    if enrollment.is_audit:
        return _("%(student)s audits this course: auditors do not receive certificates.") % {
            "student": student.get_display_name()
        }
    if enrollment.completed_at is None and not course_progress(student, course).is_complete:
        return _("%(student)s has not completed every requirement of this course.") % {
            "student": student.get_display_name()
        }
    return None


def course_grade(user, course_key):
    """The mean, over the course's graded evaluations, of the student's best score (%), or
    None when the course has no graded work the student took."""
    from assessments.models import Attempt

    best = {}
    rows = Attempt.objects.filter(user=user, course_key=course_key, score__isnull=False, max_score__gt=0)
    for resource_key, evaluation_id, score, max_score in rows.values_list(
        "resource_key", "evaluation_id", "score", "max_score"
    ):
        percent = Decimal(100) * score / max_score
        key = (resource_key, evaluation_id)
        best[key] = max(best.get(key, percent), percent)
    if not best:
        return None
    return (sum(best.values()) / len(best)).quantize(Decimal("0.1"))


def issue_if_complete(user, course):
    """Issue ``user``'s certificate of ``course`` if the rules are met and none exists.
    Returns the certificate (new or existing), or None."""
    if unmet_rule(user, course) is not None:
        return None
    enrollment = enrollment_for(user, course)
    return _issue_course(user, course, completed_at=enrollment.completed_at or timezone.now())


def issue_by_hand(course, student, by, override_reason=""):
    """Staff issue ``student``'s certificate of ``course``: when the rules are met, or with
    ``override_reason`` (kept, with ``by``) when they are not. Returns the certificate;
    raises ``CertificateError`` with the reason it cannot."""
    if not may_manage(by, course):
        raise CertificateError(_("Only administrators and the course's instructors issue its certificates."))
    override_reason = (override_reason or "").strip()
    if certificate_for(student, course.translation_key) is not None:
        raise CertificateError(
            _("%(student)s already has a certificate for this course.") % {"student": student.get_display_name()}
        )
    refusal = unmet_rule(student, course)
    if refusal and not override_reason:
        raise CertificateError(
            refusal + " " + _("To issue it anyway, give the reason for the override: it is recorded with your name.")
        )
    enrollment = enrollment_for(student, course)
    completed_at = (enrollment.completed_at if enrollment else None) or timezone.now()
    return _issue_course(
        student, course, completed_at=completed_at, issued_by=by, override_reason=override_reason if refusal else ""
    )


def _issue_course(user, course, completed_at, issued_by=None, override_reason=""):
    from courses.duration import course_seconds, measured_course_seconds

    language = course.locale.language_code
    seconds = course_seconds(course, measured_course_seconds(course))
    template = template_for_course(course, language)
    return _create(
        user=user,
        kind=Kind.COURSE,
        course_key=course.translation_key,
        course=course,
        template=template,
        language=language,
        title=course.title,
        hours=hours_of(seconds),
        duration_seconds=seconds,
        grade=course_grade(user, course.translation_key),
        instructor_names=[teacher.get_display_name() for teacher in teachers_of(course)],
        completed_at=completed_at,
        issued_by=issued_by,
        override_reason=override_reason,
    )


def _create(user, **fields):
    """Create the certificate, or return the one a simultaneous request created. The PDF
    is rendered (and the holder e-mailed) in the background once the transaction commits."""
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user, code=new_code(), holder_name=user.get_display_name(), **fields
            )
    except IntegrityError:
        existing = Certificate.objects.filter(user=user, course_key=fields["course_key"]).first()
        if existing is None:  # a code collision (80 random bits: never in practice): try once more
            return _create(user, **fields)
        return existing
    from .signals import certificate_issued
    from .tasks import queue_render

    transaction.on_commit(lambda: queue_render(certificate.pk, notify=True))
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate


def revoke(certificate, by, reason):
    """Revoke ``certificate`` (the verification page then says so, with the date); the
    holder is e-mailed the reason."""
    course = certificate.course
    if not (by.is_authenticated and (by.is_superuser or (course is not None and may_manage(by, course)))):
        raise CertificateError(_("Only administrators and the course's instructors revoke its certificates."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Say why the certificate is revoked: the holder receives the reason."))
    if certificate.is_revoked:
        raise CertificateError(_("This certificate is already revoked."))
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by, revocation_reason=reason
    )
    renew_rows(Certificate, [certificate])  # a queryset update: no save signal
    certificate.refresh_from_db()
    if updated:
        from .tasks import queue_revocation_email

        transaction.on_commit(lambda: queue_revocation_email(certificate.pk))
    return certificate


# --- Programs and master classes ----------------------------------------------------------


def issue_program_certificate(user, program):
    """Issue ``user``'s program certificate once they hold a valid certificate of every
    course of ``program``. Returns it (new or existing), or None.

    ``program`` is any object with (ProgramPage, from commerce, follows it):

    - ``translation_key`` (UUID) — the program, whatever its language version;
    - ``title`` (str) — in the learner's language;
    - ``course_keys()`` → the ``translation_key`` of each of its courses, in order;
    - optionally ``locale`` (a wagtail Locale; the active language otherwise) and
      ``certificate_template`` (a CertificateTemplate; the site's default otherwise).

    Its duration is the courses' durations added up; the instructors are the courses' instructors.
    """
    keys = list(program.course_keys())
    if not keys:
        return None
    existing = certificate_for(user, program.translation_key)
    if existing is not None:
        return existing
    courses = {
        c.course_key: c
        for c in Certificate.objects.filter(user=user, kind=Kind.COURSE, course_key__in=keys, revoked_at__isnull=True)
    }
    if any(key not in courses for key in keys):
        return None
    instructors = []
    for key in keys:
        instructors += [name for name in courses[key].instructor_names if name not in instructors]
    language = _language_of(program)
    return _create(
        user=user,
        kind=Kind.PROGRAM,
        course_key=program.translation_key,
        template=template_for_object(program, language),
        language=language,
        title=program.title,
        hours=hours_of(sum(courses[key].seconds for key in keys)),
        duration_seconds=sum(courses[key].seconds for key in keys),
        grade=None,
        instructor_names=instructors,
        completed_at=max(courses[key].completed_at for key in keys),
    )


def issue_attendance_certificate(user, master_class):
    """Issue ``user``'s certificate of attendance of ``master_class`` once their attendance
    is recorded. Returns it (new or existing), or None. The events app calls it when it
    records attendance.

    ``master_class`` is any object with:

    - ``translation_key`` (UUID), ``title`` (str, in the learner's language);
    - ``attended_by(user)`` → bool — whether the user's attendance was recorded;
    - optionally ``hours`` (Decimal), ``ends_at`` (datetime; now otherwise),
      ``instructor_names`` (list of str), ``locale`` and ``certificate_template``.
    """
    if not master_class.attended_by(user):
        return None
    existing = certificate_for(user, master_class.translation_key)
    if existing is not None:
        return existing
    language = _language_of(master_class)
    return _create(
        user=user,
        kind=Kind.MASTER_CLASS,
        course_key=master_class.translation_key,
        template=template_for_object(master_class, language),
        language=language,
        title=master_class.title,
        hours=Decimal(getattr(master_class, "hours", 0) or 0),
        grade=None,
        instructor_names=list(getattr(master_class, "instructor_names", []) or []),
        completed_at=getattr(master_class, "ends_at", None) or timezone.now(),
    )


def _language_of(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else (translation.get_language() or "en")


def revoke_unearned(certificate, reason):
    """Revoke ``certificate`` with no one behind it: what earned it was taken back (a
    refunded or disputed payment). ``reason`` (lazy text) is written in the certificate's
    language; the holder is e-mailed it. A certificate revoked already stays as it was.
    Returns whether this call revoked it."""
    with translation.override(certificate.language):
        reason = str(reason)
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=None, revocation_reason=reason
    )
    if updated:
        from .tasks import queue_revocation_email

        renew_rows(Certificate, [certificate])  # a queryset update: no save signal
        transaction.on_commit(lambda: queue_revocation_email(certificate.pk))
    return bool(updated)
