"""Essays: pending review until the course's instructor grades them in the admin."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from assessments import attempts
from assessments.models import Answer, AttemptStatus
from courses.learning.progress import completed_keys
from courses.tests import factories as course_factories

from .factories import all_correct, essay, every_question_type

QUEUE = reverse("grading:index")


@pytest.fixture
def pending(enrolled, make_quiz):
    quiz = make_quiz(questions=[*every_question_type(), essay()])
    attempt = attempts.start_attempt(enrolled, quiz, "es")
    for question_id, response in {**all_correct(), "num": "3,14", "essay": "Light becomes sugar."}.items():
        attempts.save_answer(enrolled, attempt.pk, question_id, response)
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    return attempt


def essay_answer(attempt):
    return Answer.objects.get(attempt=attempt, question_id="essay")


def test_the_instructor_grades_an_essay_in_the_admin(
    client, teacher, pending, enrolled, free_course, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    page = client.get(reverse("grading:grade", args=[essay_answer(pending).pk]))
    assert page.status_code == 200 and "Light becomes sugar." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QUEUE, {"answer": essay_answer(pending).pk, "points": "2", "feedback": "Good start."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == AttemptStatus.GRADED and pending.score == Decimal("8.00") and pending.passed
    assert essay_answer(pending).feedback == "Good start."
    assert pending.resource_key in completed_keys(enrolled, free_course.translation_key)
    assert len(mail.outbox) == 1 and pending.snapshot["title"] in mail.outbox[0].subject
    assert f"/es/learn/attempt/{pending.pk}/result/" in mail.outbox[0].body  # in the attempt's language
    assert "No essay is waiting" in client.get(QUEUE).content.decode()


def test_another_instructor_neither_sees_nor_grades_it(client, other_teacher, pending):
    client.force_login(other_teacher)
    course_factories.build_course(title="Theirs", slug="theirs", owner=other_teacher)
    assert "A Student" not in client.get(QUEUE).content.decode()
    response = client.post(QUEUE, {"answer": essay_answer(pending).pk, "points": "3"}, follow=True)
    assert "not waiting for you" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == AttemptStatus.PENDING_REVIEW and essay_answer(pending).points is None


def test_a_student_cannot_open_the_grading_queue(client, enrolled, pending):
    client.force_login(enrolled)
    assert client.get(QUEUE).status_code in (302, 403)


@pytest.mark.parametrize("points", ["4", "-1", "lots", "NaN"])
def test_points_outside_the_question_are_refused(client, teacher, pending, points):
    client.force_login(teacher)
    response = client.post(QUEUE, {"answer": essay_answer(pending).pk, "points": points}, follow=True)
    assert response.status_code == 200
    assert "between 0 and" in response.content.decode() or "as a number" in response.content.decode()
    assert essay_answer(pending).points is None
