"""Instructors grade essays: the grading queue of the courses they teach (administrators:
every course), one answer at a time, oldest submission first ("Grade next"); the student is
e-mailed, in the language of the attempt, when the attempt is graded. Nobody sees, counts
or grades another course's essays: every function below starts from ``pending_essays``."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.transactions import lock_own_rows
from courses.learning.course_statistics import course_keys_for

from . import attempts
from .blocks import QuestionType
from .exceptions import AssessmentError
from .models import Answer, AttemptStatus

MAX_FEEDBACK = 5000


def may_grade(user):
    from courses.teaching import courses_taught_by

    return user.is_active and (user.is_superuser or courses_taught_by(user).exists())


def pending_essays(user, course_key=None, resource_key=None):
    """Essays waiting for ``user`` to grade them (the courses they teach; administrators:
    every course), oldest submission first; narrowed to one course or one evaluation (its
    resource's ``translation_key``) when asked. A key that is not a UUID finds nothing."""
    if not (user.is_authenticated and user.is_active):
        return Answer.objects.none()
    answers = Answer.objects.filter(
        attempt__status=AttemptStatus.PENDING_REVIEW, correct__isnull=True, response__isnull=False
    ).select_related("attempt", "attempt__user")
    keys = course_keys_for(user)
    if keys is not None:
        answers = answers.filter(attempt__course_key__in=keys)
    for field, key in (("attempt__course_key", course_key), ("attempt__resource_key", resource_key)):
        if key:
            uuid = _uuid(key)
            answers = answers.filter(**{field: uuid}) if uuid else answers.none()
    return answers.order_by("attempt__submitted_at", "attempt_id", "pk")


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def waiting_count(user):
    """How many essays wait for ``user`` (the admin menu's badge, the dashboard): one query."""
    return pending_essays(user).count()


def next_essay(user, course_key=None, resource_key=None, after=None):
    """The oldest essay waiting for ``user`` (within the filters), or None. ``after``: an
    answer id to skip (the one just graded or left for later)."""
    essays = pending_essays(user, course_key, resource_key)
    if after is not None and str(after).isdigit():
        essays = essays.exclude(pk=int(after))
    return essays.first()


def essay_for(user, answer_id):
    """One essay waiting for ``user``, or ``AssessmentError`` (graded already, another
    course's, or no such answer: the same message, so nothing leaks)."""
    answer = pending_essays(user).filter(pk=answer_id).first() if str(answer_id).isdigit() else None
    if answer is None:
        raise AssessmentError(_("This answer is not waiting for you to grade it."))
    return answer


def waiting_by_course(user):
    """``({course key: count}, {resource key: (course key, count)})`` of the essays waiting
    for ``user`` (the queue's filters, the dashboard): one query."""
    from django.db.models import Count

    rows = (
        pending_essays(user)
        .order_by()
        .values_list("attempt__course_key", "attempt__resource_key")
        .annotate(count=Count("pk"))
    )
    by_course, by_evaluation = {}, {}
    for course_key, resource_key, count in rows:
        by_course[course_key] = by_course.get(course_key, 0) + count
        by_evaluation[resource_key] = (course_key, count)
    return by_course, by_evaluation


def essays_of(attempt):
    """The attempt's essays still waiting for a grade, in the order they were asked."""
    order = {question["id"]: number for number, question in enumerate(attempt.questions)}
    answers = Answer.objects.filter(attempt=attempt, correct__isnull=True, response__isnull=False)
    return sorted(answers, key=lambda answer: order.get(answer.question_id, 0))


def essay_question(answer):
    return attempts.question_of(answer.attempt, answer.question_id)


def grade_essay(grader, answer_id, points, feedback=""):
    """Give ``points`` (0 to the question's points) and ``feedback`` to one essay. Two
    graders at once: the answer's row is locked, the second finds it graded and is refused."""
    answer = essay_for(grader, answer_id)
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
        locked = lock_own_rows(pending_essays(grader)).filter(pk=answer.pk).first()
        if locked is None:  # graded meanwhile by someone else
            raise AssessmentError(_("This answer is not waiting for you to grade it."))
        answer = locked
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
