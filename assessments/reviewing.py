"""Instructors grade essays: the grading queue of the courses they teach (administrators:
every course), one answer at a time; the student is e-mailed, in the language of the
attempt, when the attempt is graded."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from courses.learning.course_statistics import course_keys_for

from . import attempts
from .blocks import QuestionType
from .exceptions import AssessmentError
from .models import Answer, AttemptStatus

MAX_FEEDBACK = 5000


def may_grade(user):
    from courses.teaching import courses_taught_by

    return user.is_active and (user.is_superuser or courses_taught_by(user).exists())


def pending_essays(user):
    """Essays waiting for ``user`` to grade them, oldest attempt first."""
    answers = Answer.objects.filter(
        attempt__status=AttemptStatus.PENDING_REVIEW, correct__isnull=True, response__isnull=False
    ).select_related("attempt", "attempt__user")
    keys = course_keys_for(user)
    if keys is not None:
        answers = answers.filter(attempt__course_key__in=keys)
    return answers.order_by("attempt__submitted_at", "pk")


def essay_question(answer):
    return attempts.question_of(answer.attempt, answer.question_id)


def grade_essay(grader, answer_id, points, feedback=""):
    """Give ``points`` (0 to the question's points) and ``feedback`` to one essay."""
    answer = pending_essays(grader).filter(pk=answer_id).first() if str(answer_id).isdigit() else None
    if answer is None:
        raise AssessmentError(_("This answer is not waiting for you to grade it."))
    question = essay_question(answer)
    if question["type"] != QuestionType.ESSAY:
        raise AssessmentError(_("Only essays are graded by hand."))
    try:
        points = Decimal(str(points).strip().replace(",", "."))
    except InvalidOperation:
        raise AssessmentError(_("Enter the points as a number.")) from None
    maximum = Decimal(question["points"])
    if not points.is_finite() or points < 0 or points > maximum:
        raise AssessmentError(_("Give between 0 and %(max)s points.") % {"max": maximum})
    if len(feedback) > MAX_FEEDBACK:
        raise AssessmentError(_("Feedback has at most %(count)s characters.") % {"count": MAX_FEEDBACK})
    with transaction.atomic():
        answer.points = points.quantize(Decimal("0.01"))
        answer.correct = points == maximum
        answer.feedback = feedback.strip()
        answer.save(update_fields=["points", "correct", "feedback", "updated_at"])
        attempt = attempts.finish_review(answer.attempt)
        if attempt.status == AttemptStatus.GRADED:
            transaction.on_commit(lambda: _notify(attempt.pk))
    return attempt


def _notify(attempt_id):
    from django_q.tasks import async_task

    async_task("assessments.notifications.send_graded_email", attempt_id)
