"""The catalog and course details: live, public courses only, in the requested language."""

import pytest
from wagtail.models import PageViewRestriction

from courses.tests import factories


def titles(response):
    assert response.status_code == 200, response.content
    return [course["title"] for course in response.json()["results"]]


def test_the_catalog_lists_live_public_courses_only(api, free_course, paid_course):
    draft = factories.build_course(title="Draft course", slug="draft-course")
    draft.unpublish()
    private = factories.build_course(title="Private course", slug="private-course")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert sorted(titles(api.get("/api/v1/courses/"))) == ["Free course", "Paid course"]
    for hidden in (draft, private):
        response = api.get(f"/api/v1/courses/{hidden.translation_key}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_catalog_filters_as_the_site_does(api, free_course, paid_course):
    assert titles(api.get("/api/v1/courses/?price=free")) == ["Free course"]
    assert titles(api.get("/api/v1/courses/?price=paid")) == ["Paid course"]


def test_course_details_say_price_rules_and_outline(api, paid_course):
    response = api.get(f"/api/v1/courses/{paid_course.translation_key}/")
    course = response.json()
    assert (course["title"], course["price"], course["is_free"]) == ("Paid course", "49.00", False)
    assert [section["title"] for section in course["sections"]] == ["Section 1", "Section 2"]
    assert course["sections"][0]["resources"][0]["free_preview"] is True


@pytest.fixture
def spanish_course(locales, free_course):
    spanish = free_course.copy_for_translation(locales["es"].locale, copy_parents=True, alias=False)
    spanish.title = "Curso gratuito"
    spanish.save_revision().publish()
    return spanish


def test_the_language_parameter_answers_with_the_translation(api, spanish_course, free_course):
    response = api.get(f"/api/v1/courses/{free_course.translation_key}/?language=es")
    assert response.json()["title"] == "Curso gratuito"
    assert response.json()["language"] == "es"
    assert response["Content-Language"] == "es"
    assert titles(api.get("/api/v1/courses/?language=es")) == ["Curso gratuito"]
    assert titles(api.get("/api/v1/courses/")) == ["Free course"]


def test_accept_language_answers_with_the_translation(api, spanish_course, free_course):
    response = api.get(f"/api/v1/courses/{free_course.translation_key}/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["title"] == "Curso gratuito"


def test_a_course_not_translated_answers_in_its_own_language(api, locales, free_course):
    response = api.get(f"/api/v1/courses/{free_course.translation_key}/?language=fr")
    assert (response.json()["title"], response.json()["language"]) == ("Free course", "en")


@pytest.mark.parametrize(
    "query",
    ["language=xx", "level=expert", "price=cheap", "page=0", "page=abc", "category=a%00b", "page=" + "9" * 40],
)
def test_bad_query_parameters_are_a_400(api, free_course, query):
    response = api.get(f"/api/v1/courses/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_a_page_past_the_end_is_a_404(api, free_course):
    response = api.get("/api/v1/courses/?page=999999")
    assert response.status_code == 404
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["not-a-uuid/", "00000000-0000-0000-0000-000000000000/", "123/"])
def test_an_unknown_course_is_a_json_404(api, path):
    response = api.get("/api/v1/courses/" + path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v1/enrollments/%0A/", "/api/v1/courses/%C3%BC%0Av/"])
def test_an_unknown_api_address_is_a_json_404_even_with_a_newline_in_it(api, path):
    response = api.delete(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"
