"""Extra attempts: a student who used every attempt asks for one more, with a message; one
of the course's instructors (or an administrator) approves — exactly one more attempt — or
refuses with a reason. The student is e-mailed and sees the answer on the resource page."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transactions import lock_own_rows
from courses.learning.course_statistics import course_keys_for
from courses.learning.enrollment import enrollment_for
from courses.models import Enrollment

from .attempts import evaluation_state
from .exceptions import AssessmentError
from .models import ExtraAttemptRequest

MAX_MESSAGE = 2000
Status = ExtraAttemptRequest.Status


def request_extra_attempt(user, resource, message, language=""):
    message = (message or "").strip()
    if not message:
        raise AssessmentError(_("Say why you would like another attempt."))
    if len(message) > MAX_MESSAGE:
        raise AssessmentError(_("Your message has at most %(count)s characters.") % {"count": MAX_MESSAGE})
    state = evaluation_state(user, resource)
    if state is None or not state.attempts:
        raise AssessmentError(_("You can ask for another attempt once you have used every attempt."))
    if not state.may_ask_for_more:
        raise AssessmentError(_("You cannot ask for another attempt now."))
    waiting = AssessmentError(_("Your request is waiting for an answer."))
    enrollment = enrollment_for(user, resource.course)
    try:
        with transaction.atomic():
            # One request at a time per student and course: the partial unique constraint
            # says so on PostgreSQL and SQLite; MariaDB has none, so the lock decides there.
            if enrollment is not None:
                Enrollment.objects.select_for_update().filter(pk=enrollment.pk).first()
            if ExtraAttemptRequest.objects.filter(
                user=user,
                resource_key=resource.translation_key,
                evaluation_id=state.evaluation.block_id,
                status=Status.PENDING,
            ).exists():
                raise waiting
            return ExtraAttemptRequest.objects.create(
                user=user,
                course_key=resource.course.translation_key,
                resource_key=resource.translation_key,
                evaluation_id=state.evaluation.block_id,
                message=message,
                language=language,
            )
    except IntegrityError:  # a request is already waiting
        raise waiting from None


def requests_for(user):
    """Requests waiting for ``user`` (the instructor of their courses; admins: all)."""
    requests = ExtraAttemptRequest.objects.filter(status=Status.PENDING).select_related("user")
    keys = course_keys_for(user)
    return requests if keys is None else requests.filter(course_key__in=keys)


def decide(instructor, request_id, approve, reason=""):
    reason = (reason or "").strip()
    if not approve and not reason:
        raise AssessmentError(_("Give the student a reason for the refusal."))
    if len(reason) > MAX_MESSAGE:
        raise AssessmentError(_("The reason has at most %(count)s characters.") % {"count": MAX_MESSAGE})
    with transaction.atomic():
        pending = lock_own_rows(requests_for(instructor))
        request = pending.filter(pk=request_id).first() if str(request_id).isdigit() else None
        if request is None:
            raise AssessmentError(_("This request is not waiting for your answer."))
        request.status = Status.APPROVED if approve else Status.REFUSED
        request.reason = reason
        request.decided_at = timezone.now()
        request.decided_by = instructor
        request.save()
        transaction.on_commit(lambda: _notify(request.pk))
    return request


def _notify(request_id):
    from django_q.tasks import async_task

    async_task("assessments.notifications.send_extra_attempt_email", request_id)
