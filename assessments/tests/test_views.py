"""Taking an evaluation through the public pages: the resource page, start, the attempt
page, autosave, submit and the result page; the answer key never leaks before grading."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from assessments import attempts
from assessments.models import Answer, Attempt, AttemptStatus
from core.tests.databases import full_text_search
from courses.learning.enrollment import Source, enroll
from courses.learning.progress import completed_keys
from courses.tests import factories as course_factories

from .factories import EXPLANATION, all_correct

# What only the answer key contains (the choices' texts are shown to everyone, so the key of
# a choice question is its "correct" flag).
KEY_FRAGMENTS = ["São Paulo City", "3.14", EXPLANATION, '"correct"', "text-bg-success", "Accepted answers"]


def start(client, quiz):
    return client.post(reverse("assessment_start", args=[quiz.pk]))


def autosave(client, attempt, question, response):
    return client.post(
        reverse("assessment_autosave", args=[attempt.pk]),
        json.dumps({"question": question, "response": response}),
        content_type="application/json",
    )


@pytest.fixture
def student_client(client, enrolled):
    client.force_login(enrolled)
    return client


def test_resource_page_shows_the_evaluation_and_a_start_button(student_client, quiz):
    response = student_client.get(quiz.url)
    assert response.status_code == 200
    assert b"Final quiz" in response.content
    assert reverse("assessment_start", args=[quiz.pk]).encode() in response.content


def test_the_answer_key_never_appears_before_grading(student_client, quiz):
    contents = [student_client.get(quiz.url)]
    contents.append(start(student_client, quiz))
    attempt = Attempt.objects.get()
    attempt_url = reverse("assessment_attempt", args=[attempt.pk])
    contents.append(student_client.get(attempt_url))
    # right answers, typed differently from the key (the page shows what the student typed)
    for question, response in {**all_correct(), "num": "3.135"}.items():
        contents.append(autosave(student_client, attempt, question, response))
    contents.append(student_client.get(attempt_url))  # reloaded with every right answer chosen
    contents.append(student_client.get(quiz.url))
    contents.append(student_client.get(reverse("assessment_result", args=[attempt.pk]), follow=True))
    for response in contents:
        assert response.status_code in (200, 302)
        body = response.content.decode()
        for fragment in KEY_FRAGMENTS:
            assert fragment not in body, (fragment, response.request["PATH_INFO"])


@full_text_search
def test_the_site_search_never_finds_an_evaluation_by_its_key(search_index, student_client, quiz):
    """A hit for a typed guess would tell the answer: the search indexes what a student is
    shown while taking the evaluation (questions, choices), never accepted answers or
    explanations."""

    def found(query):
        response = student_client.get("/en/search/", {"q": query})
        assert response.status_code == 200
        return [result.page.pk for result in response.context["results"]]

    assert found("closest to the Sun") == [quiz.pk]  # the evaluation is indexed
    assert found("São Paulo City") == []  # an accepted answer
    assert found("textbook") == []  # the explanation


def test_taking_and_passing_through_the_pages(student_client, enrolled, quiz, free_course):
    response = start(student_client, quiz)
    attempt = Attempt.objects.get()
    assert response.url == reverse("assessment_attempt", args=[attempt.pk])
    page = student_client.get(response.url)
    assert b"<fieldset" in page.content and b"<legend" in page.content
    for question, value in all_correct().items():
        assert autosave(student_client, attempt, question, value).json()["saved"] is True
    reloaded = student_client.get(response.url).content.decode()
    assert 'value="sao paulo  city"' in reloaded  # a reload keeps the answers
    response = student_client.post(reverse("assessment_submit", args=[attempt.pk]))
    assert response.url == reverse("assessment_result", args=[attempt.pk])
    result = student_client.get(response.url).content.decode()
    assert "You passed." in result and EXPLANATION in result and "São Paulo City" in result
    assert quiz.translation_key in completed_keys(enrolled, free_course.translation_key)
    assert "Best score: 100" in student_client.get(quiz.url).content.decode()


def test_plain_form_submit_without_javascript(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    form = {f"q-{qid}": value for qid, value in all_correct().items()}
    student_client.post(reverse("assessment_submit", args=[attempt.pk]), form)
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.score == attempt.max_score


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", ["Your answer: True", "Correct value: 3.14 ± 0.01"]), ("es", ["Verdadero", "3,14 ± 0,01"])],
)
def test_the_result_shows_answers_in_the_students_words_and_numbers(student_client, quiz, language, shown):
    with translation.override(language):
        student_client.post(reverse("assessment_start", args=[quiz.pk]))
        attempt = Attempt.objects.get()
        student_client.post(reverse("assessment_submit", args=[attempt.pk]), {"q-tf": "true", "q-num": "3.14"})
        html = student_client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()
    for text in shown:
        assert text in html
    assert "3.140000" not in html and "Your answer: true" not in html
    if language == "en":  # single, multiple choice and short text were left unanswered
        assert html.count("Not answered.") == 3


def test_a_result_waiting_for_an_essay_shows_no_score_on_the_resource_page(student_client, enrolled, make_quiz):
    from .factories import essay, every_question_type

    quiz = make_quiz(questions=[*every_question_type(), essay()])
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, attempt.pk, {**all_correct(), "essay": "Light becomes sugar."})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING_REVIEW and attempt.percent  # 6 of 9 so far
    html = student_client.get(quiz.url).content.decode()
    assert "Pending review" in html and f"{attempt.percent} %" not in html


def test_show_answers_never_hides_the_key_on_the_result(student_client, make_quiz):
    quiz = make_quiz(show_answers="never")
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    student_client.post(reverse("assessment_submit", args=[attempt.pk]))
    result = student_client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()
    assert EXPLANATION not in result and "São Paulo City" not in result


def _result_after(client, quiz, responses):
    start(client, quiz)
    attempt = Attempt.objects.order_by("-pk").first()
    client.post(reverse("assessment_submit", args=[attempt.pk]), responses)
    return client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()


def test_show_answers_after_passing_keeps_the_key_until_the_student_passes(student_client, make_quiz):
    quiz = make_quiz(show_answers="after_passing", max_attempts=0)
    failed = _result_after(student_client, quiz, {})
    assert "You did not reach" in failed and EXPLANATION not in failed and "São Paulo City" not in failed
    passed = _result_after(student_client, quiz, {f"q-{qid}": value for qid, value in all_correct().items()})
    assert "You passed." in passed and EXPLANATION in passed and "São Paulo City" in passed


def test_show_answers_after_the_last_attempt_keeps_the_key_until_none_is_left(student_client, make_quiz):
    quiz = make_quiz(show_answers="after_last_attempt", max_attempts=2)
    first = _result_after(student_client, quiz, {})
    assert EXPLANATION not in first and "São Paulo City" not in first
    last = _result_after(student_client, quiz, {})
    assert EXPLANATION in last and "São Paulo City" in last


# --- Bad input: a clear message, nothing changed, never a 500 ----------------------------


def test_answer_to_a_question_that_does_not_exist(student_client, quiz):
    start(student_client, quiz)
    response = autosave(student_client, Attempt.objects.get(), "no-such-question", "x")
    assert response.status_code == 400 and "not part of your attempt" in response.json()["error"]
    assert not Answer.objects.exists()


def test_answer_to_another_students_attempt(client, quiz, free_course, enrolled):
    client.force_login(enrolled)
    start(client, quiz)
    attempt = Attempt.objects.get()
    intruder = course_factories.UserFactory()
    enroll(intruder, free_course, Source.FREE)
    client.force_login(intruder)
    response = autosave(client, attempt, "single", "single-right")
    assert response.status_code == 400 and "does not exist" in response.json()["error"]
    assert client.post(reverse("assessment_submit", args=[attempt.pk])).status_code == 404
    assert client.get(reverse("assessment_attempt", args=[attempt.pk])).status_code == 404
    assert not Answer.objects.exists() and Attempt.objects.get().is_open


def test_a_choice_id_from_another_question(student_client, quiz):
    start(student_client, quiz)
    response = autosave(student_client, Attempt.objects.get(), "single", "multi-2")
    assert response.status_code == 400 and "not one of this question" in response.json()["error"]
    assert not Answer.objects.exists()


def test_a_double_submission(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    url = reverse("assessment_submit", args=[attempt.pk])
    student_client.post(url, {"q-single": "single-right"})
    graded = Attempt.objects.get()
    response = student_client.post(url, {"q-single": "single-wrong"}, follow=True)
    assert response.status_code == 200 and "already submitted" in response.content.decode()
    again = Attempt.objects.get()
    assert (again.score, again.submitted_at) == (graded.score, graded.submitted_at)
    assert Attempt.objects.count() == 1


def test_a_submission_after_the_deadline(student_client, make_quiz):
    quiz = make_quiz(time_limit=5)
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    response = autosave(student_client, attempt, "single", "single-right")
    assert response.status_code == 400 and "Time is up" in response.json()["error"]
    student_client.post(reverse("assessment_submit", args=[attempt.pk]), {"q-single": "single-right"})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 0
    assert not Answer.objects.filter(response="single-right").exists()


@pytest.mark.parametrize("language", ["es", "pt-br", "fr"])
def test_a_decimal_comma_is_a_number_where_the_language_writes_one(student_client, quiz, language):
    with translation.override(language):
        start_url = reverse("assessment_start", args=[quiz.pk])
    student_client.post(start_url)
    attempt = Attempt.objects.get()
    with translation.override(language):
        response = student_client.post(
            reverse("assessment_autosave", args=[attempt.pk]),
            json.dumps({"question": "num", "response": "3,14"}),
            content_type="application/json",
        )
    assert response.status_code == 200 and response.json()["saved"] is True
    student_client.post(reverse("assessment_submit", args=[attempt.pk]))
    assert Answer.objects.get(question_id="num").correct is True


def test_a_decimal_comma_is_refused_in_english_with_an_example(student_client, quiz):
    start(student_client, quiz)
    response = autosave(student_client, Attempt.objects.get(), "num", "3,14")
    assert response.status_code == 400
    assert response.json()["error"] == "Enter a number, with a point for decimals: for example 3.5."
    assert not Answer.objects.exists()


def test_tampered_hidden_fields_and_bodies(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    url = reverse("assessment_autosave", args=[attempt.pk])
    for body in ("not json", "[1, 2]", json.dumps({"question": ["single"], "response": "x"})):
        response = student_client.post(url, body, content_type="application/json")
        assert response.status_code == 400 and response.json()["error"]
    response = student_client.post(
        reverse("assessment_submit", args=[attempt.pk]), {"q-single": "forged", "q-tf": "true"}, follow=True
    )
    assert response.status_code == 200 and "not one of this question" in response.content.decode()
    assert Attempt.objects.get().is_open and not Answer.objects.exists()
    assert student_client.post(reverse("assessment_submit", args=[999999])).status_code == 404


def test_text_in_a_numeric_answer(student_client, quiz):
    start(student_client, quiz)
    response = autosave(student_client, Attempt.objects.get(), "num", "three point one four")
    assert response.status_code == 400 and "Enter a number" in response.json()["error"]
    assert not Answer.objects.exists()


def test_an_auditor_cannot_start_and_is_told_why(client, student, paid_course):
    from courses.models import SectionPage

    from .factories import evaluation_resource

    quiz = evaluation_resource(SectionPage.objects.child_of(paid_course).first())
    paid_course.audit_allowed = True
    course_factories.publish(paid_course)
    enroll(student, paid_course, Source.AUDIT)
    client.force_login(student)
    why = "Graded work is not part of auditing. Buy the course to take it."
    assert why in client.get(quiz.url).content.decode()  # the resource page says why
    response = start(client, quiz)
    assert response.status_code == 302 and not Attempt.objects.exists()
    refused = client.get(response.url)
    assert why in [str(message) for message in refused.context["messages"]]
    assert why in refused.content.decode()


def test_a_non_enrolled_user_cannot_start(client, student, quiz):
    client.force_login(student)
    response = client.post(reverse("assessment_start", args=[quiz.pk]), follow=True)
    assert response.status_code == 403 and "enroll to open this resource" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_one_megabyte_essay(student_client, make_quiz):
    from .factories import essay

    quiz = make_quiz(questions=[essay()])
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    response = autosave(student_client, attempt, "essay", "x" * 1_000_000)
    assert response.status_code == 400 and "too long" in response.json()["error"]
    response = student_client.post(
        reverse("assessment_submit", args=[attempt.pk]), {"q-essay": "x" * 1_000_000}, follow=True
    )
    assert response.status_code == 200 and "Essays have at most 20000 characters." in response.content.decode()
    assert Attempt.objects.get().is_open and not Answer.objects.exists()


def test_starting_beyond_max_attempts_through_the_page(student_client, make_quiz):
    quiz = make_quiz(max_attempts=1)
    start(student_client, quiz)
    student_client.post(reverse("assessment_submit", args=[Attempt.objects.get().pk]))
    response = student_client.post(reverse("assessment_start", args=[quiz.pk]), follow=True)
    assert "used all 1 attempts" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_a_visitor_on_a_free_preview_evaluation_is_asked_to_log_in(client, make_quiz):
    quiz = make_quiz()
    quiz.free_preview = True
    course_factories.publish(quiz)
    html = client.get(quiz.url).content.decode()
    assert "Log in to take this evaluation." in html and "Final quiz" in html
    assert client.post(reverse("assessment_start", args=[quiz.pk])).status_code == 302
    assert not Attempt.objects.exists()


def _resource_page_queries(client, quiz):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(quiz.url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(quiz.url).status_code == 200
    return len(queries)


def test_the_resource_page_query_count_does_not_grow_with_attempts(student_client, enrolled, make_quiz, no_caching):
    quiz = make_quiz(max_attempts=0)
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, attempt.pk)
    one = _resource_page_queries(student_client, quiz)
    for _ in range(9):
        attempt = attempts.start_attempt(enrolled, quiz)
        attempts.submit_attempt(enrolled, attempt.pk)
    assert _resource_page_queries(student_client, quiz) == one
