"""A query's hits are kept once for every visitor (searching.shared_hits); what each visitor
may know of them is decided afresh: hits kept for one who may open everything tell the
others nothing, and what is published or indexed later is found at once."""

import pytest

from accounts.tests.factories import UserFactory
from courses.learning.enrollment import enroll
from courses.models import Enrollment
from courses.tests import factories
from search import receivers
from search.transcripts import index_resource_transcripts

from .conftest import caption_track, result_for, search, video_body
from .test_roles import assert_closed_to, found


def warm_as_enrolled_student(client, botany):
    student = UserFactory()
    enroll(student, botany["course"], Enrollment.Source.ADMIN)
    client.force_login(student)
    for word in ("glucose", "secret", "paid", "sugars", "photosynthesis"):
        response = search(client, word)
        assert response.context["results"]  # the student opens the paid lessons: they match
    assert "Paid spoken" in search(client, "secret").content.decode()  # its line, to those who opened it
    client.logout()


@pytest.mark.django_db
def test_hits_kept_for_an_enrolled_student_tell_an_anonymous_visitor_nothing(client, botany):
    warm_as_enrolled_student(client, botany)
    assert_closed_to(client, botany, "Log in, or buy the course")


@pytest.mark.django_db
def test_hits_kept_for_an_enrolled_student_tell_a_student_who_did_not_pay_nothing(client, botany):
    warm_as_enrolled_student(client, botany)
    client.force_login(UserFactory())
    assert_closed_to(client, botany, "Buy the course")
    for word, spoken in (("photosynthesis", "Paid spoken"), ("secret", "Paid spoken"), ("paid", "spoken photo")):
        html = search(client, word).content.decode()
        assert "makes glucose" not in html and spoken not in html


@pytest.mark.django_db
def test_hits_kept_for_an_anonymous_visitor_do_not_hide_what_an_enrolled_student_opens(client, botany):
    assert search(client, "glucose").context["results"] == []
    student = UserFactory()
    enroll(student, botany["course"], Enrollment.Source.ADMIN)
    client.force_login(student)
    assert found(search(client, "glucose")) == {botany["reading"].pk}


@pytest.mark.django_db
def test_cues_indexed_after_a_search_are_found_at_once(client, botany, monkeypatch):
    client.force_login(botany["teacher"])  # opens the paid reading, which had no captions
    resource = botany["reading"]
    with monkeypatch.context() as held_back:  # the background job has not run yet
        held_back.setattr(receivers, "schedule_resource_transcripts", lambda resource_id: None)
        resource.body = video_body(caption_track("WEBVTT\n\n00:00:02.000 --> 00:00:04.000\nMagma rises.\n"))
        factories.publish(resource)
    search(client, "photosynthesis")  # the site's first request (it makes the site's settings)
    assert search(client, "magma").context["results"] == []  # kept: nothing says magma yet
    index_resource_transcripts(resource.pk)  # the job
    response = search(client, "magma")
    assert [line.second for line in result_for(response, resource).lines] == [2]


@pytest.mark.django_db
def test_a_lesson_published_after_a_search_is_found_at_once(client, botany):
    assert search(client, "tectonics").context["results"] == []
    reading = botany["reading"]
    reading.title = "Plate tectonics"
    factories.publish(reading)
    assert found(search(client, "tectonics")) == {reading.pk}
