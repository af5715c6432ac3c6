"""Instructors' view of attempts: who may see which course's attempts, and the item
analysis of one evaluation built from a flat number of queries (see ``analysis``)."""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from courses.learning.course_statistics import course_keys_for

from .analysis import CRONBACH_ALPHA, KR20, attempts_from_rows, item_analysis
from .models import Answer, Attempt, AttemptStatus

# Only moderators (and superusers) hold it: every course's attempts.
VIEW_EVERY_ATTEMPT_PERMISSION = "assessments.view_every_attempt"


def reliable_attempts():
    """Below this many graded attempts the item analysis warns that its figures (difficulty,
    discrimination, reliability) are unreliable: ``AULA_ITEM_ANALYSIS_MIN_ATTEMPTS``, 20 by
    default (a common rule of thumb for classical item statistics)."""
    return getattr(settings, "AULA_ITEM_ANALYSIS_MIN_ATTEMPTS", 20)


def evaluation_names(course_key, resource_key, evaluation_id):
    """``(evaluation title, course title)`` of an analysed evaluation: the newest attempt's
    title for the evaluation, the course's default-language title (else any). Two queries."""
    from django.db.models.fields.json import KT
    from wagtail.models import Locale

    from courses.models import CoursePage

    evaluation = (
        Attempt.objects.filter(course_key=course_key, resource_key=resource_key, evaluation_id=evaluation_id)
        .annotate(title=KT("snapshot__title"))
        .order_by("-pk")
        .values_list("title", flat=True)
        .first()
    )
    courses = CoursePage.objects.filter(translation_key=course_key).defer_streamfields()
    default = Locale.get_default()
    course = min(courses.only("title", "locale_id"), key=lambda c: c.locale_id != default.pk, default=None)
    return evaluation or "", course.title if course else ""


def may_see_attempts(user, course_key=None):
    """Course staff see their courses' attempts; moderators and administrators all of them."""
    if not (user.is_active and user.has_perm("assessments.view_attempt")):
        return False
    if course_key is None or user.has_perm(VIEW_EVERY_ATTEMPT_PERMISSION):
        return True
    keys = course_keys_for(user)
    return keys is None or keys.filter(translation_key=course_key).exists()


def reliability_label(method):
    return {KR20: _("KR-20 (Kuder–Richardson 20)"), CRONBACH_ALPHA: _("Cronbach's alpha")}.get(method, "")


def evaluation_analysis(course_key, resource_key, evaluation_id):
    """``(analysis, questions)`` of the graded attempts at one evaluation: two queries,
    whatever the number of attempts. ``questions`` maps each question id to its snapshot
    (text, choices), in order of first appearance, newest attempt's wording first."""
    graded = Attempt.objects.filter(
        course_key=course_key, resource_key=resource_key, evaluation_id=evaluation_id, status=AttemptStatus.GRADED
    )
    attempts = list(graded.order_by("pk").values_list("pk", "score", "max_score", "snapshot"))
    asked = {pk: {q["id"]: q for q in snapshot.get("questions", [])} for pk, _s, _m, snapshot in attempts}
    answered = {
        (attempt_id, question_id): (points, response)
        for attempt_id, question_id, points, response in Answer.objects.filter(attempt__in=graded).values_list(
            "attempt_id", "question_id", "points", "response"
        )
    }
    answer_rows = []
    for attempt_id, questions in asked.items():
        for question_id, question in questions.items():
            points, response = answered.get((attempt_id, question_id), (None, None))
            chosen = None
            if "choices" in question:
                chosen = [] if response in (None, "", []) else (response if isinstance(response, list) else [response])
            answer_rows.append((attempt_id, question_id, points or Decimal(0), Decimal(question["points"]), chosen))
    analysis = item_analysis(
        attempts_from_rows([(pk, score or 0, max_score) for pk, score, max_score, _snap in attempts], answer_rows)
    )
    questions = {}
    for _pk, _s, _m, snapshot in reversed(attempts):
        for question in snapshot.get("questions", []):
            questions.setdefault(question["id"], question)
    return analysis, questions
