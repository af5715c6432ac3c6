"""An open attempt follows the access rule to the end: once the student's enrollment ended
or the resource became inaccessible, autosaves and submissions are refused with a clear
message and nothing changes."""

import json

import pytest
from django.urls import reverse

from assessments.models import Answer, Attempt
from courses.learning.enrollment import EndReason, Source, end_enrollment, enroll
from courses.models import Enrollment, SectionPage


@pytest.fixture
def taking(client, enrolled, quiz):
    """A student in the middle of an attempt, one answer saved."""
    client.force_login(enrolled)
    client.post(reverse("assessment_start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    assert autosave(client, attempt, "single", "single-right").status_code == 200
    return client, attempt


def autosave(client, attempt, question, response):
    return client.post(
        reverse("assessment_autosave", args=[attempt.pk]),
        json.dumps({"question": question, "response": response}),
        content_type="application/json",
    )


def nothing_changed(attempt):
    attempt.refresh_from_db()
    answers = list(Answer.objects.values_list("question_id", "response"))
    return attempt.is_open and attempt.score is None and answers == [("single", "single-right")]


def assert_refused(client, attempt, quiz, message):
    response = autosave(client, attempt, "single", "single-wrong")
    assert response.status_code == 400 and message in response.json()["error"]
    assert autosave(client, attempt, "tf", "true").status_code == 400
    response = client.post(reverse("assessment_submit", args=[attempt.pk]), {"q-num": "3.14"}, follow=True)
    assert response.status_code in (200, 403, 404) and message in response.content.decode()
    assert nothing_changed(attempt)


@pytest.mark.parametrize("reason", [EndReason.LEFT, EndReason.REFUND, EndReason.ADMIN])
def test_an_ended_enrollment_stops_autosave_and_submission(taking, quiz, reason):
    client, attempt = taking
    end_enrollment(Enrollment.objects.get(), reason)
    assert_refused(client, attempt, quiz, "You can no longer take this evaluation")


def test_the_attempt_page_sends_a_student_no_longer_enrolled_back_to_the_resource(taking, quiz):
    client, attempt = taking
    end_enrollment(Enrollment.objects.get(), EndReason.LEFT)
    response = client.get(reverse("assessment_attempt", args=[attempt.pk]), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == quiz.url
    assert "You can no longer take this evaluation" in html and "enroll to open this resource" in html
    assert nothing_changed(attempt)


def test_an_unpublished_resource_stops_autosave_and_submission(taking, quiz):
    client, attempt = taking
    quiz.unpublish()
    assert_refused(client, attempt, quiz, "This evaluation is no longer available")
    response = client.get(reverse("assessment_attempt", args=[attempt.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "no longer available" in response.content.decode()


def test_an_unpublished_section_stops_autosave_and_submission(taking, quiz, free_course):
    client, attempt = taking
    SectionPage.objects.child_of(free_course).first().unpublish()  # the resource itself stays live
    quiz.refresh_from_db()
    assert quiz.live
    assert_refused(client, attempt, quiz, "This content is not published.")


def test_the_attempt_resumes_when_the_student_enrolls_again(taking, quiz, free_course):
    client, attempt = taking
    end_enrollment(Enrollment.objects.get(), EndReason.LEFT)
    assert autosave(client, attempt, "tf", "true").status_code == 400
    enroll(attempt.user, free_course, Source.FREE)
    assert autosave(client, attempt, "tf", "true").status_code == 200
    client.post(reverse("assessment_submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert not attempt.is_open and attempt.score is not None
