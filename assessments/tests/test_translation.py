"""A translated evaluation grades exactly like its source, and attempts in every language
form one history."""

from decimal import Decimal

import pytest
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.operations import TranslationCreator

from assessments import attempts
from assessments.exceptions import AssessmentError
from courses.models import ResourcePage, SectionPage
from courses.tests import factories as course_factories

from .factories import EXPLANATION, all_correct


@pytest.fixture
def spanish_quiz(free_course, quiz, locales):
    creator = TranslationCreator(None, [locales["es"].locale])
    for page in (free_course, SectionPage.objects.child_of(free_course).first(), quiz):
        creator.create_translations(page)
        course_factories.publish(page.get_translation(locales["es"].locale).specific)
    return ResourcePage.objects.get(translation_key=quiz.translation_key, locale=locales["es"].locale)


def test_wagtail_localize_offers_texts_and_keeps_points_flags_and_settings(spanish_quiz, quiz):
    source = TranslationSource.objects.get(object_id=quiz.translation_key)
    strings = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {"Pick the primes", "Mercury", EXPLANATION, "São Paulo City", "Final quiz"} <= strings
    assert not strings & {"3.14", "0.01", "2", "60", "true", "partial", "after_each_attempt"}


def tamper(page):
    """What a translator could do to a translation edited by hand: new texts, an extra
    accepted answer, and (not allowed, ignored) other points and a moved correct flag."""
    body = page.body.raw_data
    questions = body[0]["value"]["questions"]
    questions[0]["value"]["text"] = "Elige el planeta más cercano al Sol"
    questions[0]["value"]["points"] = "99"
    questions[0]["value"]["choices"][0]["value"]["correct"] = False
    questions[0]["value"]["choices"][1]["value"]["correct"] = True
    questions[3]["value"]["accepted_answers"].append({"type": "item", "id": "short-es", "value": "Ciudad de São Paulo"})
    page.body = body
    return course_factories.publish(page)


def test_a_translation_grades_exactly_like_the_source(enrolled, spanish_quiz):
    spanish_quiz = tamper(spanish_quiz)
    attempt = attempts.start_attempt(enrolled, spanish_quiz, "es")
    assert attempt.questions[0]["text"] == "Elige el planeta más cercano al Sol"
    assert attempt.max_score == Decimal("6")
    responses = {**all_correct(), "short": "ciudad de sao paulo", "num": "3,14"}  # a decimal comma in Spanish
    for question_id, response in responses.items():
        attempts.save_answer(enrolled, attempt.pk, question_id, response)
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.score == Decimal("6.00") and attempt.passed


def test_attempts_in_both_languages_are_one_history(enrolled, quiz, spanish_quiz):
    first = attempts.start_attempt(enrolled, spanish_quiz, "es")
    attempts.submit_attempt(enrolled, first.pk)
    second = attempts.start_attempt(enrolled, quiz, "en")
    assert second.number == 2
    attempts.submit_attempt(enrolled, second.pk)
    with pytest.raises(AssessmentError, match="all 2 attempts"):
        attempts.start_attempt(enrolled, spanish_quiz, "es")
    assert len(attempts.evaluation_state(enrolled, spanish_quiz).attempts) == 2


def _short_answer_points(student, resource, language, response):
    attempt = attempts.start_attempt(student, resource, language)
    attempts.save_answer(student, attempt.pk, "short", response)
    attempt, _ = attempts.submit_attempt(student, attempt.pk)
    return attempt.answers.get(question_id="short").points


@pytest.mark.parametrize(
    ("page", "response", "points"),
    [
        ("es", "Ciudad de São Paulo", Decimal("1.00")),  # the Spanish answer on the Spanish page
        ("es", "sao paulo city", Decimal("1.00")),  # the source's answer still counts there
        ("en", "sao paulo city", Decimal("1.00")),
        ("en", "ciudad de sao paulo", Decimal("0.00")),  # another language's answer does not
    ],
)
def test_a_translations_accepted_answers_are_accepted_in_addition_to_the_sources(
    enrolled, quiz, spanish_quiz, page, response, points
):
    tamper(spanish_quiz)  # adds "Ciudad de São Paulo" to the Spanish accepted answers
    resource = spanish_quiz if page == "es" else quiz
    assert _short_answer_points(enrolled, resource, page, response) == points
