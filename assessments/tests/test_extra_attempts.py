"""A student who used every attempt asks for one more; the instructor approves or refuses."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments import attempts
from assessments.exceptions import AssessmentError
from assessments.models import Attempt, ExtraAttemptRequest

QUEUE = reverse("grading:index")


@pytest.fixture
def used_up(enrolled, make_quiz):
    quiz = make_quiz(max_attempts=1)
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, attempt.pk)  # nothing answered: failed
    return quiz


def ask(client, quiz, message="I was ill."):
    return client.post(reverse("assessment_ask", args=[quiz.pk]), {"message": message}, follow=True)


def test_approval_grants_exactly_one_more_attempt(
    client, enrolled, teacher, used_up, django_capture_on_commit_callbacks
):
    client.force_login(enrolled)
    page = client.get(used_up.url).content.decode()
    assert "Ask the instructors for another attempt" in page
    assert "sent to the course" in ask(client, used_up).content.decode()
    request = ExtraAttemptRequest.objects.get()
    client.force_login(teacher)
    queue = client.get(QUEUE).content.decode()
    assert "I was ill." in queue and f"{used_up.title} — " in queue  # which evaluation it is about
    with django_capture_on_commit_callbacks(execute=True):
        client.post(QUEUE, {"action": "approve", "request": request.pk})
    assert len(mail.outbox) == 1 and "approved" in mail.outbox[0].subject
    second = attempts.start_attempt(enrolled, used_up)
    attempts.submit_attempt(enrolled, second.pk)
    with pytest.raises(AssessmentError, match="used all 2 attempts"):
        attempts.start_attempt(enrolled, used_up)
    assert Attempt.objects.count() == 2


def test_refusal_needs_a_reason_and_the_student_sees_it(client, enrolled, teacher, used_up):
    client.force_login(enrolled)
    ask(client, used_up)
    request = ExtraAttemptRequest.objects.get()
    client.force_login(teacher)
    response = client.post(QUEUE, {"action": "refuse", "request": request.pk}, follow=True)
    assert "reason" in response.content.decode()
    assert ExtraAttemptRequest.objects.get().status == "pending"
    client.post(QUEUE, {"action": "refuse", "request": request.pk, "reason": "The deadline is final."})
    client.force_login(enrolled)
    assert "The deadline is final." in client.get(used_up.url).content.decode()
    with pytest.raises(AssessmentError):
        attempts.start_attempt(enrolled, used_up)


def test_one_request_at_a_time_and_only_when_every_attempt_is_used(client, enrolled, used_up, make_quiz):
    client.force_login(enrolled)
    ask(client, used_up)
    assert "cannot ask" in ask(client, used_up).content.decode()
    assert ExtraAttemptRequest.objects.count() == 1
    fresh = make_quiz(max_attempts=3)
    ask(client, fresh)
    assert ExtraAttemptRequest.objects.count() == 1


def test_an_empty_or_huge_message_is_refused(client, enrolled, used_up):
    client.force_login(enrolled)
    assert "Say why" in ask(client, used_up, "  ").content.decode()
    assert "at most" in ask(client, used_up, "x" * 3000).content.decode()
    assert not ExtraAttemptRequest.objects.exists()


def test_another_instructor_cannot_answer(client, enrolled, other_teacher, used_up):
    client.force_login(enrolled)
    ask(client, used_up)
    request = ExtraAttemptRequest.objects.get()
    from courses.tests import factories as course_factories

    course_factories.build_course(title="Theirs", slug="theirs", owner=other_teacher)
    client.force_login(other_teacher)
    response = client.post(QUEUE, {"action": "approve", "request": request.pk}, follow=True)
    assert "not waiting for your answer" in response.content.decode()
    assert ExtraAttemptRequest.objects.get().status == "pending"


def test_after_the_last_attempt_means_extra_attempts_included(client, enrolled, teacher, make_quiz):
    from .factories import EXPLANATION

    quiz = make_quiz(max_attempts=1, show_answers="after_last_attempt")
    first = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, first.pk)
    result = reverse("assessment_result", args=[first.pk])
    client.force_login(enrolled)
    assert EXPLANATION in client.get(result).content.decode()  # no attempt left
    ask(client, quiz)
    client.force_login(teacher)
    client.post(QUEUE, {"action": "approve", "request": ExtraAttemptRequest.objects.get().pk})
    client.force_login(enrolled)
    assert EXPLANATION not in client.get(result).content.decode()  # one more to take
    second = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, second.pk)
    assert EXPLANATION in client.get(result).content.decode()
