"""Every question type offers its texts to wagtail-localize; a choice keeps its identity
(its block id) in the translation, so the answer key stays the source's; a translated
attempt (translated through wagtail-localize's strings) grades like the source."""

from decimal import Decimal

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

from accounts.models import User
from assessments import attempts
from core.tests.built_once import built_once
from core.translations import fill_translation
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage, SectionPage
from home.tests.languages import translated_homes

from .factories import EXPLANATION, all_correct, essay, evaluation_data, evaluation_resource, every_question_type

pytestmark = pytest.mark.django_db

SPANISH = {
    "Pick the planet closest to the Sun": "Elige el planeta más cercano al Sol",
    "Mercury": "Mercurio",
    "Venus": "Venus (es)",
    "Pick the primes": "Elige los primos",
    "Water is wet": "El agua moja",
    "Name the capital": "Nombra la capital",
    "Give pi to two decimals": "Da pi con dos decimales",
    "Explain photosynthesis": "Explica la fotosíntesis",
}


def _build():
    """A free course whose quiz has every question type, translated into Spanish through
    wagtail-localize's strings (the course and its section too), and a student enrolled."""
    from courses.tests import factories

    free_course = factories.free_course(factories.instructor(display_name="Teacher One"))
    locale = translated_homes()["es"].locale
    section = SectionPage.objects.child_of(free_course).first()
    quiz = evaluation_resource(section)
    quiz.body = evaluation_data([*every_question_type(), essay()])
    full_quiz = factories.publish(quiz)
    for page in (free_course, section):
        fill_translation(page.specific, locale, {})
    spanish = fill_translation(full_quiz, locale, SPANISH)
    student = factories.UserFactory(display_name="A Student")
    enroll(student, free_course, Source.FREE)
    return {"full_quiz": full_quiz.pk, "spanish": spanish.pk, "enrolled": student.pk}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from built_once(django_db_blocker, tmp_path_factory, _build)


@pytest.fixture
def full_quiz(_built, db):
    return ResourcePage.objects.get(pk=_built["full_quiz"])


@pytest.fixture
def spanish(_built, db):
    return ResourcePage.objects.get(pk=_built["spanish"])


@pytest.fixture
def enrolled(_built, db):
    return User.objects.get(pk=_built["enrolled"])


@pytest.mark.parametrize("text", [*SPANISH, EXPLANATION, "São Paulo City"])
def test_every_question_type_offers_its_texts(spanish, full_quiz, text):
    source = TranslationSource.objects.get(object_id=full_quiz.translation_key)
    assert StringSegment.objects.filter(source=source, string__data=text).exists()


def test_choices_keep_their_identity_and_key_in_the_translation(spanish, full_quiz):
    def choices(page):
        question = page.body[0].value["questions"][0]
        return [(c.id, c.value["text"], c.value["correct"]) for c in question.value["choices"].bound_blocks]

    assert choices(spanish) == [("single-right", "Mercurio", True), ("single-wrong", "Venus (es)", False)]
    assert [(i, correct) for i, _t, correct in choices(full_quiz)] == [("single-right", True), ("single-wrong", False)]


def test_a_translated_attempt_is_asked_in_spanish_and_graded_like_the_source(enrolled, spanish):
    attempt = attempts.start_attempt(enrolled, spanish, "es")
    texts = {q["id"]: q["text"] for q in attempt.questions}
    assert texts["single"] == "Elige el planeta más cercano al Sol"
    for question_id, response in {**all_correct(), "num": "3,14"}.items():
        attempts.save_answer(enrolled, attempt.pk, question_id, response)
    attempts.save_answer(enrolled, attempt.pk, "essay", "Las plantas usan la luz.")
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.score == Decimal("6.00")  # the essay awaits an instructor
