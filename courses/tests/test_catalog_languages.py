"""Every language's catalog lists every course; keyword search; card facts; half stars."""

import pytest

from courses.models import CourseIndexPage
from courses.templatetags.course_tags import star_icons

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_catalog(locales, catalog):
    french = catalog.copy_for_translation(locales["fr"].locale)
    french.save_revision().publish()
    return CourseIndexPage.objects.get(pk=french.pk)


def test_an_untranslated_course_appears_in_every_catalog_with_its_language(client, french_catalog):
    factories.build_course(title="Only in English", slug="only-english", price=0)
    html = client.get(french_catalog.url).content.decode()
    assert "Only in English" in html
    assert "badge-language" in html
    assert 'lang="en"' in html


def test_a_translated_course_appears_once_in_its_translation(client, french_catalog, locales):
    course = factories.build_course(title="Bilingual", slug="bilingual", price=0)
    french = course.copy_for_translation(locales["fr"].locale)
    french.title = "Bilingue"
    french.save_revision().publish()
    html = client.get(french_catalog.url).content.decode()
    assert "Bilingue" in html
    assert ">Bilingual<" not in html
    english_html = client.get(factories.catalog().url).content.decode()
    assert "Bilingual" in english_html and "Bilingue" not in english_html


def test_the_language_filter_decides_which_untranslated_courses_show(client, french_catalog):
    factories.build_course(title="Taught in English", slug="taught-en", price=0, language="en")
    factories.build_course(title="Taught in Spanish", slug="taught-es", price=0, language="es")
    html = client.get(french_catalog.url + "?language=es").content.decode()
    assert "Taught in Spanish" in html and "Taught in English" not in html


def test_keyword_search_looks_in_title_summary_and_description(client, catalog):
    factories.CoursePageFactory(parent=catalog, title="Watercolour basics", summary="Paint.")
    factories.CoursePageFactory(parent=catalog, title="Cooking", summary="Learn to bake bread.")
    factories.CoursePageFactory(parent=catalog, title="Chess", summary="Play.", description="<p>Openings and bread</p>")
    factories.CoursePageFactory(parent=catalog, title="Guitar", summary="Chords.")
    html = client.get(catalog.url + "?q=bread").content.decode()
    assert "Cooking" in html and "Chess" in html
    assert "Watercolour" not in html and "Guitar" not in html


def test_a_search_that_finds_nothing_says_so(client, catalog):
    factories.CoursePageFactory(parent=catalog, title="Guitar")
    response = client.get(catalog.url + "?q=" + "x" * 500)  # too long: ignored, not an error
    assert response.status_code == 200
    html = client.get(catalog.url + "?q=zzzz").content.decode()
    assert "No course matches these filters yet." in html


def test_cards_show_lesson_count_and_one_duration(client, catalog):
    from courses.models import ResourcePage

    measured = factories.build_course(title="Measured", slug="measured", sections=1, resources_per_section=3, price=0)
    ResourcePage.objects.descendant_of(measured).update(estimated_minutes=30)
    estimated = factories.build_course(
        title="Estimated", slug="estimated", sections=1, resources_per_section=2, estimated_hours=2
    )
    ResourcePage.objects.descendant_of(estimated).update(estimated_minutes=0)
    html = client.get(catalog.url).content.decode()
    assert "3 lessons" in html and "1 h 30 min" in html
    assert "2 lessons" in html and "2 hours" in html


def test_ratings_are_drawn_to_the_nearest_half_star():
    assert star_icons(4.5) == ["star"] * 4 + ["star-half-stroke"]
    assert star_icons(3.2) == ["star"] * 3 + ["star-empty"] * 2
    assert star_icons(None) == ["star-empty"] * 5
