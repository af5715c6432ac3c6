"""A refused submission forgives: every typed value stays, each error is under its question
(``aria-invalid``, ``aria-describedby``), focus goes to the first error and a summary at the
top links to each; nothing is saved until every answer is acceptable. The numeric field
takes the attempt language's decimal separator and says which one in its hint."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from assessments.models import Answer, Attempt

from .test_views import start


@pytest.fixture
def student_client(client, enrolled):
    client.force_login(enrolled)
    return client


def submit(client, attempt, form, language="en"):
    with translation.override(language):
        return client.post(reverse("assessment_submit", args=[attempt.pk]), form)


def opening_tag(html, element_id):
    return re.search(rf'<(?:input|textarea)[^>]*id="{element_id}"[^>]*>', html).group(0)


TYPED = {
    "q-single": "single-right",
    "q-multi": ["multi-2", "multi-3"],
    "q-tf": "false",
    "q-short": "Typed capital",
    "q-num": "3,14",
}


def test_a_decimal_comma_in_english_keeps_every_typed_value_and_says_where(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    response = submit(student_client, attempt, TYPED)
    html = response.content.decode()
    assert response.status_code == 200
    # Every typed value is back.
    assert "checked" in opening_tag(html, "q-single-single-right")
    assert "checked" in opening_tag(html, "q-multi-multi-2") and "checked" in opening_tag(html, "q-multi-multi-3")
    assert "checked" in opening_tag(html, "q-tf-false") and "checked" not in opening_tag(html, "q-tf-true")
    assert 'value="Typed capital"' in opening_tag(html, "q-short")
    number = opening_tag(html, "q-num")
    assert 'value="3,14"' in number
    # The error is under its question, tied to its field, which has the focus.
    assert 'aria-invalid="true"' in number and "autofocus" in number
    assert re.search(r'aria-describedby="q-num-hint q-num-error"', number)
    error = re.search(r'<p[^>]*id="q-num-error"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "Enter a number, with a point for decimals: for example 3.5." in error
    assert html.count("autofocus") == 2  # the field in error, and the dialog's safe button
    # The summary at the top links to it.
    summary = re.search(r"<div[^>]*data-aula-error-summary.*?</div>", html, re.S).group(0)
    assert 'role="alert"' in summary and 'href="#q-num"' in summary and "Question 5" in summary
    assert html.index("data-aula-error-summary") < html.index("data-aula-attempt")
    # Nothing was saved, the attempt is still open: fixing the number submits everything.
    assert Attempt.objects.get().is_open and not Answer.objects.exists()
    response = submit(student_client, attempt, {**TYPED, "q-num": "3.14"})
    assert response.url == reverse("assessment_result", args=[attempt.pk])
    assert Answer.objects.get(question_id="num").correct is True
    assert Answer.objects.get(question_id="short").response == "Typed capital"


def test_every_refused_answer_is_listed_and_the_first_has_the_focus(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    html = submit(student_client, attempt, {**TYPED, "q-single": "forged", "q-num": "three"}).content.decode()
    summary = re.search(r"<div[^>]*data-aula-error-summary.*?</div>", html, re.S).group(0)
    assert "2 answers could not be accepted" in summary
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["q-single-single-right", "q-num"]  # in the page's order; a choice: its first option
    assert "autofocus" in opening_tag(html, "q-single-single-right")
    assert "autofocus" not in opening_tag(html, "q-num")
    assert 'aria-describedby="q-single-error"' in html  # the choice question's group


def test_a_spanish_attempt_takes_a_decimal_comma_and_its_hint_says_so(student_client, quiz):
    with translation.override("es"):
        student_client.post(reverse("assessment_start", args=[quiz.pk]))
        attempt = Attempt.objects.get()
        page = student_client.get(reverse("assessment_attempt", args=[attempt.pk])).content.decode()
    assert re.search(r'id="q-num-hint"[^>]*>[^<]*3,5', page)
    response = submit(student_client, attempt, {"q-num": "3,14"}, "es")
    assert response.status_code == 302
    assert Answer.objects.get(question_id="num").correct is True


def test_the_english_hint_asks_for_a_point(student_client, quiz):
    start(student_client, quiz)
    page = student_client.get(reverse("assessment_attempt", args=[Attempt.objects.get().pk])).content.decode()
    assert re.search(r'id="q-num-hint"[^>]*>A number. Write decimals with a point, for example 3.5.', page)
    assert 'aria-describedby="q-num-hint"' in opening_tag(page, "q-num")
    assert "aria-invalid" not in page and "data-aula-error-summary" not in page


def test_unanswered_questions_are_accepted_without_javascript(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    response = submit(student_client, attempt, {"q-tf": "true"})
    assert response.url == reverse("assessment_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert not attempt.is_open and attempt.score == 1
