"""Completing resources from the page (JSON for the page's script), Up next, and the
course's completion page."""

import pytest
from django.urls import reverse

from courses.learning import enrollment
from courses.models import Completion, ResourcePage, Review

from . import factories

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def enrolled(client, free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    return free_course


def resources(course):
    return list(ResourcePage.objects.descendant_of(course).live().order_by("path"))


def test_completing_by_fetch_answers_the_new_progress(client, enrolled):
    first = resources(enrolled)[0]
    response = client.post(reverse("resource_complete", args=[first.pk]), **JSON)
    assert response.status_code == 200
    data = response.json()
    assert data["percent"] == 25
    assert data["summary"] == "1 of 4 requirements met"
    assert data["completed_keys"] == [str(first.translation_key)]
    assert data["course_completed"] is False
    assert "completion_url" not in data


def test_completing_by_fetch_a_resource_the_button_cannot_complete_is_a_json_error(client, enrolled, student):
    video = resources(enrolled)[0]
    media = factories.CourseMediaFactory(duration=8)
    video.body = [("video", {"title": "Lesson", "video": media, "poster": None, "captions": []})]
    factories.publish(video)
    response = client.post(reverse("resource_complete", args=[video.pk]), **JSON)
    assert response.status_code == 400
    assert "watched" in response.json()["error"]
    assert not Completion.objects.filter(user=student).exists()


def test_completing_the_last_requirement_leads_to_the_completion_page(client, enrolled):
    *others, last = resources(enrolled)
    for resource in others:
        client.post(reverse("resource_complete", args=[resource.pk]))
    data = client.post(reverse("resource_complete", args=[last.pk]), **JSON).json()
    assert data["course_completed"] is True
    assert data["completion_url"] == reverse("course_completed", args=[enrolled.pk])
    # Without JavaScript, the form's redirect goes there too.
    Completion.objects.filter(resource_key=last.translation_key).delete()
    enrolled_again = client.post(reverse("resource_complete", args=[last.pk]))
    assert enrolled_again.url == reverse("course_completed", args=[enrolled.pk])


def test_completion_page_congratulates_prompts_a_review_and_suggests_courses(client, enrolled, catalog):
    factories.build_course(title="Next steps", slug="next-steps", price=0)
    for resource in resources(enrolled):
        client.post(reverse("resource_complete", args=[resource.pk]))
    html = client.get(reverse("course_completed", args=[enrolled.pk])).content.decode()
    assert "Congratulations!" in html
    assert "<title>You completed Free course" in html
    assert 'name="rating"' in html  # the review form's star picker
    assert "Next steps" in html
    assert html.count(">Free course<") == 1  # the course itself is not suggested (breadcrumb only)


def test_completion_page_before_completing_goes_back_to_the_course(client, enrolled):
    response = client.get(reverse("course_completed", args=[enrolled.pk]))
    assert response.status_code == 302
    assert response.url == enrolled.url


def test_completion_page_after_reviewing_thanks_instead_of_asking(client, enrolled, student):
    for resource in resources(enrolled):
        client.post(reverse("resource_complete", args=[resource.pk]))
    Review.objects.create(user=student, course=enrolled, course_key=enrolled.translation_key, rating=4)
    html = client.get(reverse("course_completed", args=[enrolled.pk])).content.decode()
    assert "Thank you for reviewing this course." in html
    assert 'name="rating"' not in html


def test_resource_page_offers_up_next_and_the_last_one_says_so(client, enrolled):
    first, second, *_rest, last = resources(enrolled)
    html = client.get(first.url).content.decode()
    assert "Up next" in html and second.title in html
    html = client.get(last.url).content.decode()
    assert "This is the last resource of the course." in html


def test_outline_items_carry_their_resource_key_for_the_script(client, enrolled):
    first = resources(enrolled)[0]
    html = client.get(first.url).content.decode()
    assert f'data-resource-key="{first.translation_key}"' in html
    assert "data-aula-meter" in html
