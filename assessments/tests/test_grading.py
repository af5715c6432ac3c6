"""grading.py: every question type and its edge cases, as pure functions."""

from decimal import Decimal

import pytest

from assessments import grading
from assessments.grading import Grade, ResponseError, clean_response, grade, normalize_text, parse_number


def q(kind, points="2", **key):
    choices = [{"id": cid, "text": cid} for cid in ("a", "b", "c", "d")]
    return {"id": "q", "type": kind, "points": points, "key": key, "choices": choices}


SINGLE = q("single_choice", correct=["b"])
MULTI = q("multiple_choice", points="3", correct=["a", "b", "c"], scoring="all_or_nothing")
PARTIAL = q("multiple_choice", points="3", correct=["a", "b", "c"], scoring="partial")
TF = q("true_false", answer="false")
SHORT = q("short_text", accepted=["Bogotá", "Santa Fe de Bogotá"])
NUM = q("numeric", value="3.14", tolerance="0.01")
ESSAY = q("essay")


def test_single_choice_right_and_wrong():
    assert grade(SINGLE, "b") == Grade(Decimal("2.00"), True)
    assert grade(SINGLE, "a") == Grade(Decimal("0.00"), False)


def test_unanswered_question_earns_nothing():
    for question in (SINGLE, MULTI, TF, SHORT, NUM):
        assert grade(question, None) == Grade(Decimal("0.00"), False)


def test_multiple_choice_all_or_nothing():
    assert grade(MULTI, ["a", "b", "c"]).points == Decimal("3.00")
    assert grade(MULTI, ["a", "b"]) == Grade(Decimal("0.00"), False)
    assert grade(MULTI, ["a", "b", "c", "d"]) == Grade(Decimal("0.00"), False)


def test_multiple_choice_partial_credit_takes_one_share_per_wrong_choice():
    assert grade(PARTIAL, ["a", "b", "c"]) == Grade(Decimal("3.00"), True)
    assert grade(PARTIAL, ["a", "b"]) == Grade(Decimal("2.00"), False)
    assert grade(PARTIAL, ["a", "b", "d"]) == Grade(Decimal("1.00"), False)
    assert grade(PARTIAL, ["a", "d"]).points == Decimal("0.00")  # never below zero
    assert grade(PARTIAL, ["d"]).points == Decimal("0.00")


def test_partial_credit_rounds_to_cents():
    question = q("multiple_choice", points="1", correct=["a", "b", "c"], scoring="partial")
    assert grade(question, ["a"]).points == Decimal("0.33")


def test_true_false():
    assert grade(TF, "false").correct is True
    assert grade(TF, "true").correct is False


@pytest.mark.parametrize("answer", ["bogota", "  BOGOTÁ ", "santa  fe de   bogota", "Bogotá"])
def test_short_text_ignores_case_spaces_and_accents(answer):
    assert grade(SHORT, answer).correct is True


def test_short_text_wrong_answer():
    assert grade(SHORT, "Medellín").correct is False
    assert normalize_text("Ça  Va") == "ca va"


@pytest.mark.parametrize("answer", ["3.14", "3.15", "3.13", "+3.140"])
def test_numeric_within_tolerance(answer):
    assert grade(NUM, answer).correct is True


def test_numeric_outside_tolerance():
    assert grade(NUM, "3.16").correct is False
    assert grade(NUM, "-3.14").correct is False


def test_numeric_decimal_comma_only_where_the_locale_uses_it():
    assert grade(NUM, "3,14", decimal_separator=",").correct is True
    assert parse_number("3,14", ".") is None
    assert parse_number("1 234,5", ",") == Decimal("1234.5")
    assert parse_number("1.234,5", ",") is None  # ambiguous: refused, not guessed


def test_essay_waits_for_an_instructor():
    assert grade(ESSAY, "Plants use light.").pending
    assert grade(ESSAY, "").pending is False  # nothing to review


def test_clean_refuses_a_choice_of_another_question():
    with pytest.raises(ResponseError):
        clean_response(SINGLE, "zz")
    with pytest.raises(ResponseError):
        clean_response(MULTI, ["a", "zz"])
    with pytest.raises(ResponseError):
        clean_response(SINGLE, ["a"])


def test_clean_refuses_text_in_a_numeric_answer():
    with pytest.raises(ResponseError) as error:
        clean_response(NUM, "three")
    assert "number" in str(error.value.message)


def test_clean_refuses_a_one_megabyte_essay():
    with pytest.raises(ResponseError):
        clean_response(ESSAY, "x" * 1_000_000)
    assert clean_response(ESSAY, "x" * grading.MAX_ESSAY)


def test_clean_true_false_and_types():
    with pytest.raises(ResponseError):
        clean_response(TF, "maybe")
    with pytest.raises(ResponseError):
        clean_response(SHORT, {"a": 1})
    assert clean_response(MULTI, ["b", "a", "a"]) == ["a", "b"]
    assert clean_response(SHORT, "") is None


def test_pass_mark():
    assert grading.passed(Decimal("6"), Decimal("10"), 60)
    assert not grading.passed(Decimal("5.99"), Decimal("10"), 60)


def test_accepted_short_answers_are_the_sources_plus_the_shown_languages():
    accepted = grading.accepted_short_answers(["Paris", "  paris "], ["París", "", "PARIS", "Ciudad Luz"])
    assert accepted == ["Paris", "Ciudad Luz"]  # "París" is "Paris" once accents are ignored
    assert grading.accepted_short_answers(["Paris"]) == ["Paris"]
