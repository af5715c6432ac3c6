"""/sitemap.xml: every live, public page of the registered types in every language, with
hreflang alternates and lastmod; nothing a visitor cannot open; cached and renewed on
publish; a constant number of queries."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.tests import factories
from home.models import StandardPage

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://aula.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def read_sitemap(client):
    """``{location: {"lastmod": str, "alternates": {hreflang: href}}}``, parsed as XML."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}urlset"
    entries = {}
    for url in root.findall("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location not in entries, "listed twice"
        entries[location] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return entries


@pytest.fixture
def bilingual_course(locales, catalog):
    """A free course with a free-preview resource, in English and Spanish (catalog too)."""
    spanish_catalog = catalog.copy_for_translation(locales["es"].locale)
    spanish_catalog.save_revision().publish()
    course = factories.publish(factories.build_course(title="Bread", slug="bread", price=0))
    spanish = course.copy_for_translation(locales["es"].locale, copy_parents=False)
    spanish.title, spanish.slug = "Pan", "pan"
    spanish.save_revision().publish()
    return course, factories.CoursePage.objects.get(pk=spanish.pk)


@pytest.fixture
def catalog(db):
    return factories.catalog()


def test_the_sitemap_lists_home_catalog_and_courses_in_every_language_with_alternates(client, bilingual_course):
    course, spanish = bilingual_course
    entries = read_sitemap(client)
    english_url, spanish_url = SITE + "/en/courses/bread/", SITE + "/es/courses/pan/"
    assert english_url in entries and spanish_url in entries
    for url in (english_url, spanish_url):
        assert entries[url]["alternates"] == {"en": english_url, "es": spanish_url, "x-default": english_url}
        assert len(entries[url]["lastmod"]) == 10  # 2026-12-07
    for code in ("en", "es", "pt-br", "fr"):
        assert SITE + f"/{code}/" in entries  # the home page of each language
    home_alternates = entries[SITE + "/pt-br/"]["alternates"]
    assert home_alternates["pt-BR"] == SITE + "/pt-br/" and home_alternates["x-default"] == SITE + "/en/"
    assert SITE + "/en/courses/" in entries and SITE + "/es/courses/" in entries


def test_only_free_previews_of_live_sections_are_listed_among_resources(client, bilingual_course):
    course, _spanish = bilingual_course
    resources = list(factories.ResourcePage.objects.descendant_of(course).order_by("path"))
    preview, locked = resources[0], resources[1]
    entries = read_sitemap(client)
    assert SITE + preview.url in entries
    assert SITE + locked.url not in entries
    assert not any("/section-" in url and url.rstrip("/").count("/") == 5 for url in entries)  # no section page
    preview.get_parent().specific.unpublish()
    assert SITE + preview.url not in read_sitemap(client)


def test_drafts_private_and_unpublished_pages_are_never_listed(client, locales, catalog):
    home = locales["en"]
    draft = home.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
    private = home.add_child(instance=StandardPage(title="Staff only", slug="staff-only"))
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    below_private = private.add_child(instance=StandardPage(title="Below", slug="below"))
    below_private.save_revision().publish()
    gone = home.add_child(instance=StandardPage(title="Gone", slug="gone"))
    gone.save_revision().publish()
    gone.unpublish()
    course = factories.build_course(title="Unpublished", slug="unpublished", price=0)
    course.unpublish()
    entries = read_sitemap(client)
    for page in (draft, private, below_private, gone, course):
        assert not any(url.endswith(f"/{page.slug}/") for url in entries), page.slug
    assert SITE + "/en/" in entries


def test_the_sitemap_is_cached_and_renewed_when_a_page_is_published(client, locales, catalog, shared_cache):
    read_sitemap(client)
    with CaptureQueriesContext(connection) as queries:
        read_sitemap(client)
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]  # served from the shared cache
    factories.publish(factories.build_course(title="New course", slug="new-course", price=0))  # renews CATALOG
    assert SITE + "/en/courses/new-course/" in read_sitemap(client)
    about = locales["en"].add_child(instance=StandardPage(title="About", slug="about"))
    about.save_revision().publish()  # renews SITE
    assert SITE + "/en/about/" in read_sitemap(client)
    about.unpublish()
    assert SITE + "/en/about/" not in read_sitemap(client)


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        entries = read_sitemap(client)
    return len(queries), entries


def test_the_sitemap_costs_the_same_queries_at_any_size(client, locales, catalog, no_caching):
    for n in range(2):
        factories.build_course(title=f"Course {n}", slug=f"course-{n}", price=0, sections=1, resources_per_section=2)
    count_queries(client)  # the first request reads what every later one finds cached (site roots)
    small, entries = count_queries(client)
    assert len(entries) >= 8
    for n in range(2, 22):
        course = factories.build_course(title=f"Course {n}", slug=f"course-{n}", price=0, sections=1,
                                        resources_per_section=2)  # fmt: skip
        spanish = course.copy_for_translation(locales["es"].locale, copy_parents=True)
        spanish.save_revision().publish()
    large, entries = count_queries(client)
    assert len(entries) >= 50
    assert large == small, connection.queries[-large:]


def test_the_sitemap_refuses_a_page_number_that_does_not_exist(client):
    assert client.get("/sitemap.xml?p=9").status_code == 404
    assert client.get("/sitemap.xml?p=x").status_code == 404
    assert client.post("/sitemap.xml").status_code == 405


def test_programs_and_standard_pages_are_listed(client, locales, catalog):
    from commerce.tests.factories import program

    course = factories.build_course(title="Bread", slug="bread", price="10.00")
    program("Baking bundle", [course], "15.00")
    about = locales["en"].add_child(instance=StandardPage(title="About", slug="about"))
    about.save_revision().publish()
    entries = read_sitemap(client)
    assert SITE + "/en/courses/baking-bundle/" in entries
    assert SITE + "/en/about/" in entries
