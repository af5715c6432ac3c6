"""The course landing page: selling points, facts, one duration, locks that say why,
badges that explain themselves, the sticky price card and the phone's enroll bar."""

import pytest

from courses.learning import enrollment
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


def test_landing_page_shows_outcomes_requirements_and_audience(client, catalog):
    course = factories.build_course(title="Selling", slug="selling", price=0)
    course.learning_outcomes = [("item", "Draw a face"), ("item", "Mix colours")]
    course.requirements = [("item", "A pencil")]
    course.audience = "Beginners who never drew."
    factories.publish(course)
    html = client.get(course.url).content.decode()
    assert "What you&#x27;ll learn" in html or "What you'll learn" in html
    assert "Draw a face" in html and "Mix colours" in html
    assert "A pencil" in html and "Beginners who never drew." in html


def test_landing_page_shows_students_last_update_and_language(client, free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    factories.publish(free_course)
    html = client.get(free_course.url).content.decode()
    assert "1 student" in html
    assert "Last updated" in html
    assert "English" in html


def test_one_duration_from_resources_else_the_course_estimate(client, catalog):
    measured = factories.build_course(title="Measured", slug="measured", estimated_hours=9, price=0)
    ResourcePage.objects.descendant_of(measured).update(estimated_minutes=20)
    html = client.get(measured.url).content.decode()
    assert "1 h 20 min" in html and "9 hours" not in html
    estimated = factories.build_course(title="Estimated", slug="estimated", estimated_hours=3, price=0)
    ResourcePage.objects.descendant_of(estimated).update(estimated_minutes=0)
    assert "3 hours" in client.get(estimated.url).content.decode()


def test_visitors_see_locks_and_why_but_not_on_free_previews(client, paid_course):
    html = client.get(paid_course.url).content.decode()
    assert html.count('class="icon mt-1 outline-lock"') == 3  # four resources, the first a free preview
    assert "Log in, or buy the course, to open the locked resources." in html
    assert "Open to everyone, even without enrolling." in html  # the free preview's legend


def test_enrolled_students_see_no_locks(client, free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    html = client.get(free_course.url).content.decode()
    assert 'class="icon mt-1 outline-lock"' not in html and "locked resources" not in html


def test_signed_in_visitor_of_a_free_course_is_told_to_enroll(client, free_course, student):
    client.force_login(student)
    html = client.get(free_course.url).content.decode()
    assert "This course is free: enroll to open the locked resources." in html


def test_optional_and_alternative_badges_explain_themselves(client, free_course):
    first, second, *_ = ResourcePage.objects.descendant_of(free_course).order_by("path")
    ResourcePage.objects.filter(pk=first.pk).update(requirement="optional")
    ResourcePage.objects.filter(pk=second.pk).update(requirement="alternative", alternative_group="g")
    html = client.get(free_course.url).content.decode()
    assert 'title="Does not count towards completing the course."' in html
    assert "One of several choices: completing any one of them counts." in html


def test_price_card_and_phone_bar(client, paid_course):
    html = client.get(paid_course.url).content.decode()
    assert 'class="course-price-card" id="course-cta"' in html
    assert "course-enroll-bar" in html and "Get this course" in html
