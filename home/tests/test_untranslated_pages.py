"""A page not translated into the visitor's language is shown as authored, with a notice,
never a 404; a path that names no page in any language is still a 404."""

import pytest
from wagtail.models import Locale

from core.translations import fill_translation
from courses.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(locales):
    return factories.build_course(title="Python basics", slug="python-basics", sections=1, resources_per_section=1)


def test_a_course_with_no_french_version_is_shown_in_english_with_a_notice(client, course):
    response = client.get("/fr/courses/python-basics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Python basics" in html
    assert "data-aula-untranslated" in html
    assert '<html lang="fr"' in html  # the site's frame stays French


def test_a_resource_under_a_french_catalog_falls_back_to_the_english_course(client, course):
    fill_translation(factories.catalog(), Locale.objects.get(language_code="fr"), {})
    response = client.get("/fr/courses/python-basics/section-1/resource-11/")
    assert response.status_code == 200
    assert "data-aula-untranslated" in response.content.decode()


def test_a_draft_french_translation_shows_the_english_page_with_the_notice(client, course):
    locale = Locale.objects.get(language_code="fr")
    fill_translation(factories.catalog(), locale, {})
    fill_translation(course, locale, {"Python basics": "Les bases de Python"}, publish=False)
    html = client.get("/fr/courses/python-basics/").content.decode()
    assert "Les bases de Python" not in html
    assert "Python basics" in html and "data-aula-untranslated" in html


def test_a_published_french_translation_has_no_notice(client, course):
    locale = Locale.objects.get(language_code="fr")
    fill_translation(factories.catalog(), locale, {})
    fill_translation(course, locale, {"Python basics": "Les bases de Python", "A course.": "Un cours."})
    html = client.get("/fr/courses/python-basics/").content.decode()
    assert "Les bases de Python" in html
    assert "data-aula-untranslated" not in html


def test_a_partly_translated_french_page_says_the_rest_is_in_english(client, course):
    locale = Locale.objects.get(language_code="fr")
    fill_translation(factories.catalog(), locale, {})
    fill_translation(course, locale, {"Python basics": "Les bases de Python"})
    html = client.get("/fr/courses/python-basics/").content.decode()
    assert "Les bases de Python" in html
    assert "data-aula-untranslated" in html and "Des parties de cette page" in html  # in French


def test_the_english_page_has_no_notice_and_links_the_french_url(client, course):
    html = client.get("/en/courses/python-basics/").content.decode()
    assert "data-aula-untranslated" not in html
    assert 'href="/fr/courses/python-basics/" hreflang="fr"' in html


def test_a_path_that_names_no_page_is_still_a_404(client, course):
    assert client.get("/fr/courses/no-such-course/").status_code == 404
    assert client.get("/en/courses/no-such-course/").status_code == 404
