"""Grading one question of an attempt's snapshot against one response. Pure functions:
no database, no request. A question snapshot is what ``EvaluationBlock.questions_of``
builds (``type``, ``points``, ``key``…); a response is what ``attempts.save_answer``
accepted (already validated by ``clean_response``)."""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from .blocks import QuestionType
from .exceptions import AssessmentError

MAX_TEXT_ANSWER = 500  # characters of a short text or numeric answer
MAX_ESSAY = 20_000  # characters of an essay
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    points: Decimal
    correct: bool | None  # None: not decided yet (an essay waiting for an instructor)

    @property
    def pending(self):
        return self.correct is None


class ResponseError(AssessmentError):
    """A response that cannot be an answer to this question."""


def normalize_text(text):
    """Case-, space- and accent-insensitive form of a short answer."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", without_accents).strip().casefold()


def parse_number(text, decimal_separator="."):
    """A typed number → Decimal, or None. A decimal comma is accepted where the locale
    writes decimals with a comma; spaces (thousands separators) are ignored."""
    text = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    if decimal_separator == ",":
        if text.count(",") > 1 or ("," in text and "." in text):
            return None
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def number_format_error(decimal_separator):
    """What a refused number is told: which decimal separator the attempt expects."""
    if decimal_separator == ",":
        return _("Enter a number, with a comma for decimals: for example 3,5.")
    return _("Enter a number, with a point for decimals: for example 3.5.")


def number_format_hint(decimal_separator):
    """The numeric field's hint, before anything is typed."""
    if decimal_separator == ",":
        return _("A number. Write decimals with a comma, for example 3,5.")
    return _("A number. Write decimals with a point, for example 3.5.")


def accepted_short_answers(source_answers, shown_answers=()):
    """The short-text answers an attempt accepts: the SOURCE's accepted answers, plus those
    of the language version the attempt is taken in. A Spanish student on the Spanish page
    may type the Spanish answer, and the English (source) answer still counts there; on the
    English page only the source's count — another translation's answers are not accepted
    (a word right in one language may be wrong in another). Blank answers and repeats
    (once normalised) are dropped; the source's come first. The attempt's snapshot stores
    the result, so later edits of either language change no past grade."""
    accepted, seen = [], set()
    for answer in [*source_answers, *shown_answers]:
        normalized = normalize_text(answer)
        if normalized and normalized not in seen:
            seen.add(normalized)
            accepted.append(str(answer))
    return accepted


def _choice_ids(question):
    return {choice["id"] for choice in question.get("choices", [])}


def clean_response(question, response, decimal_separator="."):
    """The response to store for ``question``, or ``ResponseError`` with a message.
    ``None`` or an empty response clears the answer."""
    kind = question["type"]
    if response in (None, "", []):
        return None
    if kind == QuestionType.SINGLE_CHOICE:
        if not isinstance(response, str) or response not in _choice_ids(question):
            raise ResponseError(_("That choice is not one of this question's choices."))
        return response
    if kind == QuestionType.MULTIPLE_CHOICE:
        if isinstance(response, str):
            response = [response]
        if not isinstance(response, list) or not all(isinstance(r, str) for r in response):
            raise ResponseError(_("That choice is not one of this question's choices."))
        if not set(response) <= _choice_ids(question):
            raise ResponseError(_("That choice is not one of this question's choices."))
        return sorted(set(response))
    if kind == QuestionType.TRUE_FALSE:
        if response not in ("true", "false"):
            raise ResponseError(_("Answer true or false."))
        return response
    if not isinstance(response, str):
        raise ResponseError(_("Enter your answer as text."))
    if kind == QuestionType.NUMERIC:
        if len(response) > MAX_TEXT_ANSWER or parse_number(response, decimal_separator) is None:
            raise ResponseError(number_format_error(decimal_separator))
        return response.strip()
    if kind == QuestionType.SHORT_TEXT:
        if len(response) > MAX_TEXT_ANSWER:
            raise ResponseError(_("Short answers have at most %(count)s characters.") % {"count": MAX_TEXT_ANSWER})
        return response.strip()
    if kind == QuestionType.ESSAY:
        if len(response) > MAX_ESSAY:
            raise ResponseError(_("Essays have at most %(count)s characters.") % {"count": MAX_ESSAY})
        return response
    raise ResponseError(_("Unknown question type."))


def _points(question, share=Decimal(1)):
    return (Decimal(question["points"]) * share).quantize(CENT, rounding=ROUND_HALF_UP)


def grade(question, response, decimal_separator="."):
    """Grade ``response`` (a cleaned response, or None) against ``question``'s key."""
    kind, key = question["type"], question["key"]
    zero = Grade(Decimal("0.00"), False)
    if kind == QuestionType.ESSAY:
        if response in (None, ""):
            return zero  # nothing to review
        return Grade(Decimal("0.00"), None)
    if response in (None, "", []):
        return zero
    if kind == QuestionType.SINGLE_CHOICE:
        return Grade(_points(question), True) if response in key["correct"] else zero
    if kind == QuestionType.MULTIPLE_CHOICE:
        correct, chosen = set(key["correct"]), set(response)
        if chosen == correct:
            return Grade(_points(question), True)
        if key.get("scoring") != "partial":
            return zero
        right, wrong = len(chosen & correct), len(chosen - correct)
        share = max(Decimal(0), Decimal(right - wrong) / Decimal(len(correct)))
        return Grade(_points(question, share), False)
    if kind == QuestionType.TRUE_FALSE:
        return Grade(_points(question), True) if response == key["answer"] else zero
    if kind == QuestionType.SHORT_TEXT:
        accepted = {normalize_text(answer) for answer in key["accepted"]}
        return Grade(_points(question), True) if normalize_text(response) in accepted else zero
    if kind == QuestionType.NUMERIC:
        number = parse_number(response, decimal_separator)
        if number is None:
            return zero
        if abs(number - Decimal(key["value"])) <= Decimal(key["tolerance"]):
            return Grade(_points(question), True)
        return zero
    raise ResponseError(_("Unknown question type."))


def passed(score, max_score, pass_mark):
    """Whether ``score`` out of ``max_score`` reaches ``pass_mark`` percent."""
    if not max_score:
        return True
    return Decimal(score) * 100 >= Decimal(pass_mark) * Decimal(max_score)
