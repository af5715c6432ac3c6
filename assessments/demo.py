"""Demo evaluations (``seed_demo`` calls ``seed``): every demo course ends with a graded
resource using every question type; the demo student has a failed and a passed attempt
in the free course, and an essay waiting in its grading queue. Idempotent."""

import copy

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from courses.models import CoursePage, ResourcePage, SectionPage

from . import attempts
from .blocks import PREVIEW_VALUE, EvaluationBlock
from .models import Attempt

SLUG = "check-your-understanding"
# One title per course, so that attempts, grading and item analysis tell the three apart.
TITLES = {
    "python-from-scratch": "Check your understanding: Python basics",
    "data-visualisation": "Check your understanding: honest charts",
    "interface-design": "Check your understanding: interface design",
}
STUDENT_EMAIL = "student@aula.test"


def seed(stdout):
    created = 0
    for course in CoursePage.objects.live().filter(locale=Locale.get_default()):
        section = SectionPage.objects.child_of(course).live().order_by("-path").first()
        if section is None or ResourcePage.objects.descendant_of(course).filter(slug=SLUG).exists():
            continue
        title = TITLES.get(course.slug, f"Check your understanding: {course.title}")
        value = copy.deepcopy(PREVIEW_VALUE)
        value.update(max_attempts=3, time_limit=20, title=title)
        resource = ResourcePage(title=title, slug=SLUG, estimated_minutes=15)
        resource.body = [("evaluation", EvaluationBlock().to_python(value))]
        section.add_child(instance=resource)
        resource.owner = course.owner
        resource.save_revision(user=course.owner).publish()
        created += 1
    return created + _seed_attempts()


def _response(question, right):
    """A right or a wrong answer to a demo question (the essay is left for later)."""
    key, kind = question["key"], question["type"]
    if kind == "single_choice":
        wrong = next(c["id"] for c in question["choices"] if c["id"] not in key["correct"])
        return key["correct"][0] if right else wrong
    if kind == "multiple_choice":
        return key["correct"] if right else []
    if kind == "true_false":
        return key["answer"] if right else {"true": "false", "false": "true"}[key["answer"]]
    if kind == "short_text":
        return key["accepted"][0] if right else "I do not know"
    if kind == "numeric":
        return key["value"] if right else "0"
    return ""


def _answer(student, attempt, right):
    for question in attempt.questions:
        attempts.save_answer(student, attempt.pk, question["id"], _response(question, right))


def _seed_attempts():
    student = get_user_model().objects.filter(email=STUDENT_EMAIL).first()
    course = CoursePage.objects.filter(slug="python-from-scratch", locale=Locale.get_default()).first()
    quiz = ResourcePage.objects.descendant_of(course).filter(slug=SLUG).first() if course else None
    if student is None or quiz is None or Attempt.objects.filter(user=student).exists():
        return 0
    for right in (False, True):
        attempt = attempts.start_attempt(student, quiz, "en")
        _answer(student, attempt, right)
        attempts.submit_attempt(student, attempt.pk)
    essay_attempt = attempts.start_attempt(student, quiz, "en")
    _answer(student, essay_attempt, True)
    essay = next(q for q in essay_attempt.questions if q["type"] == "essay")
    attempts.save_answer(student, essay_attempt.pk, essay["id"], "Plants turn light, water and CO2 into sugar.")
    attempts.submit_attempt(student, essay_attempt.pk)
    return 3
