"""Every question type offers its texts to wagtail-localize; a choice keeps its identity
(its block id) in the translation, so the answer key stays the source's; a translated
attempt (translated through wagtail-localize's strings) grades like the source."""

from decimal import Decimal

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

from assessments import attempts
from core.translations import fill_translation
from courses.models import SectionPage

from .factories import EXPLANATION, all_correct, essay, evaluation_data, every_question_type

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


@pytest.fixture
def full_quiz(quiz):
    quiz.body = evaluation_data([*every_question_type(), essay()])
    from courses.tests import factories

    return factories.publish(quiz)


@pytest.fixture
def spanish(free_course, full_quiz, locales):
    locale = locales["es"].locale
    for page in (free_course, SectionPage.objects.child_of(free_course).first()):
        fill_translation(page.specific, locale, {})
    return fill_translation(full_quiz, locale, SPANISH)


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
