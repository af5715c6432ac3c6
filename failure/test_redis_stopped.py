"""Redis stopped, through production's middleware stack: pages are served from the database
(slower, never wrong), a signed-in student keeps their session, a login either works or says
it is briefly unavailable, and nothing is a 500."""

import pytest
from django.test import Client

from courses.learning import enrollment
from courses.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return factories.build_course(title="Still here", slug="still-here", price=0)


def test_anonymous_pages_are_served_from_the_database(redis_unreachable, course):
    visitor = Client(raise_request_exception=False)
    for path in ("/en/", course.get_parent().url, course.url, course.get_children().first().url):
        for _ in range(2):
            response = visitor.get(path)
            assert response.status_code == 200, path
    assert "Still here" in visitor.get(course.url).content.decode()


def test_a_signed_in_student_keeps_learning(redis_unreachable, course, user_factory):
    student = user_factory(email="stays@example.com", display_name="Stays Signed In")
    enrollment.enroll(student, course, enrollment.Source.FREE)
    client = Client(raise_request_exception=False)
    client.force_login(student)
    for path in (course.url, "/en/dashboard/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Stays Signed In" in response.content.decode()


def test_a_login_works_or_says_it_is_briefly_unavailable(redis_unreachable, user_factory):
    user_factory(email="login@example.com")
    client = Client(raise_request_exception=False)
    response = client.post("/en/accounts/login/", {"login": "login@example.com", "password": "a-Strong-pass-2026"})
    assert response.status_code in (302, 503)
    if response.status_code == 503:
        assert "briefly unavailable" in response.content.decode()
        assert response["Retry-After"] == "60"
