"""The item analysis is reachable by a visible link named "Item analysis", names the
evaluation and its course, and warns when too few attempts make its figures unreliable."""

import pytest
from django.urls import reverse

from assessments.models import Attempt

from .test_attempts_admin import _bulk_attempts, analysis_url, graded  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_attempts_list_links_to_the_item_analysis_by_name(client, teacher, graded):  # noqa: F811
    client.force_login(teacher)
    html = client.get(reverse("attempts:index")).content.decode()
    assert f'<a href="{analysis_url(graded[0])}">Item analysis<span class="w-sr-only">: ' in html


def test_the_item_analysis_names_the_evaluation_and_the_course(client, teacher, graded):  # noqa: F811
    client.force_login(teacher)
    html = client.get(analysis_url(graded[0])).content.decode()
    title = graded[0].snapshot["title"]
    course = "Free course"  # the quiz fixture's course
    assert f"Evaluation <strong>{title}</strong> in the course <strong>{course}</strong>." in html


def test_few_attempts_are_said_to_be_unreliable(client, teacher, graded, settings):  # noqa: F811
    client.force_login(teacher)
    html = client.get(analysis_url(graded[0])).content.decode()
    assert "Only 2 graded attempts so far: with fewer than 20," in html
    _bulk_attempts(graded[0], 18)
    assert Attempt.objects.count() == 20
    assert "graded attempts so far" not in client.get(analysis_url(graded[0])).content.decode()
    settings.AULA_ITEM_ANALYSIS_MIN_ATTEMPTS = 50
    assert "Only 20 graded attempts so far: with fewer than 50," in client.get(analysis_url(graded[0])).content.decode()


def test_an_unknown_evaluation_has_an_empty_analysis_not_an_error(client, teacher, graded):  # noqa: F811
    client.force_login(teacher)
    url = reverse("attempts:analysis", args=[graded[0].course_key, graded[0].resource_key, "no-such-evaluation"])
    response = client.get(url)
    assert response.status_code == 200 and "No graded attempt yet." in response.content.decode()
