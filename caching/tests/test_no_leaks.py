"""Nothing of one visitor reaches another: two students and an anonymous visitor fetch every
page type in shuffled order with every cache warm (as production runs)."""

import random
import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from courses.learning import enrollment
from courses.models import ResourcePage
from courses.tests import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(shared_cache):
    pass


def test_no_name_email_or_csrf_token_of_one_visitor_reaches_another(user_factory):
    course = factories.build_course(title="Shared course", slug="shared-course", price=0)
    lessons = list(ResourcePage.objects.descendant_of(course).live().order_by("path"))
    students = {
        "ana": user_factory(email="ana.unique@example.com", display_name="Ana Uniquename"),
        "bo": user_factory(email="bo.unique@example.com", display_name="Bo Othername"),
    }
    clients = {"anonymous": Client()}
    for name, student in students.items():
        enrollment.enroll(student, course, enrollment.Source.FREE)
        clients[name] = Client()
        clients[name].force_login(student)
    paths = ["/en/", course.get_parent().url, course.url, course.get_children().first().url]
    paths += [lesson.url for lesson in lessons] + ["/en/dashboard/", "/en/search/?q=resource"]
    visits = [(who, path) for who in clients for path in paths] * 3
    random.Random(2026).shuffle(visits)

    for who, path in visits:
        response = clients[who].get(path)
        assert response.status_code in (200, 302, 403), (who, path, response.status_code)
        html = response.content.decode()
        for name, student in students.items():
            if name != who:
                assert student.display_name not in html, (who, path)
                assert student.email not in html, (who, path)
        secret = clients[who].cookies.get("csrftoken")
        for masked in TOKEN.findall(html):
            assert who != "anonymous", f"a CSRF token in an anonymous page: {path}"
            assert _unmask_cipher_token(masked) == secret.value, (who, path)
