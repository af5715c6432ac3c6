"""The head of every public page type: description, canonical URL on SITE_URL, hreflang
links to each live translation and x-default, Open Graph, Twitter card and JSON-LD — the
same for every visitor, safely escaped, one query for the translations."""

import json

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commerce.tests.factories import program
from courses.tests import factories
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

SITE = "https://aula.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def head_of(client, url):
    """The head's metadata: {"description", "canonical", "alternates": {hreflang: href},
    "og": {property: [content…]}, "twitter": {name: content}, "json_ld": [parsed…]}."""
    response = client.get(url)
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    og = {}
    for meta in head.find_all("meta", property=True):
        og.setdefault(meta["property"], []).append(meta["content"])
    description = head.find_all("meta", attrs={"name": "description"})
    assert len(description) <= 1
    canonical = head.find_all("link", rel="canonical")
    assert len(canonical) == 1
    return {
        "description": description[0]["content"] if description else None,
        "canonical": canonical[0]["href"],
        "alternates": {
            link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate", hreflang=True)
        },
        "og": og,
        "twitter": {
            meta["name"]: meta["content"]
            for meta in head.find_all("meta", attrs={"name": True})
            if meta["name"].startswith("twitter:")
        },  # fmt: skip
        "json_ld": [json.loads(script.string) for script in head.find_all("script", type="application/ld+json")],
        "html": str(head),
    }


@pytest.fixture
def catalog(db):
    return factories.catalog()


@pytest.fixture
def course(locales, catalog):
    """A paid course with a cover, in English and Spanish."""
    spanish_catalog = catalog.copy_for_translation(locales["es"].locale)
    spanish_catalog.save_revision().publish()
    cover = wagtail_factories.ImageFactory(title="Loaves", file__width=1600, file__height=1000)
    course = factories.build_course(
        title="Sourdough bread", slug="sourdough", price="49.00", summary="Bake bread at home, from starter to crust.",
        cover_image=cover, estimated_hours="6.5", language="en",
    )  # fmt: skip
    teacher = factories.instructor(display_name="Paula Baker")
    course.instructors.add(teacher)
    factories.publish(course)
    spanish = course.copy_for_translation(locales["es"].locale)
    spanish.title, spanish.summary = "Pan de masa madre", "Hornea pan en casa."
    spanish.save_revision().publish()
    return course


def test_a_course_has_its_description_canonical_alternates_social_card_and_course_json_ld(client, course):
    head = head_of(client, "/en/courses/sourdough/")
    english, spanish = SITE + "/en/courses/sourdough/", SITE + "/es/courses/sourdough/"
    assert head["description"] == "Bake bread at home, from starter to crust."
    assert head["canonical"] == english
    assert head["alternates"] == {"en": english, "es": spanish, "x-default": english}
    og = head["og"]
    assert og["og:title"] == ["Sourdough bread"] and og["og:url"] == [english]
    assert og["og:description"] == [head["description"]] and og["og:type"] == ["website"]
    assert og["og:locale"] == ["en"] and og["og:locale:alternate"] == ["es"]
    image = og["og:image"][0]
    assert image.startswith(SITE + "/") and "fill-1200x630" in image  # a rendition, absolute
    assert og["og:image:width"] == ["1200"] and og["og:image:height"] == ["630"]
    assert head["twitter"]["twitter:card"] == "summary_large_image"
    assert head["twitter"]["twitter:image"] == image and head["twitter"]["twitter:title"] == "Sourdough bread"
    (data,) = head["json_ld"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] == "Sourdough bread" and data["url"] == english and data["inLanguage"] == "en"
    assert data["description"] == head["description"] and data["image"] == image
    assert data["provider"] == {"@type": "Organization", "name": "Aula", "sameAs": SITE + "/"}
    assert data["offers"]["price"] == "49.00" and data["offers"]["priceCurrency"] == "USD"
    assert data["hasCourseInstance"]["instructor"] == [{"@type": "Person", "name": "Paula Baker"}]
    assert data["hasCourseInstance"]["courseWorkload"] == "PT6.5H"


def test_the_spanish_course_points_to_itself_and_back_to_english(client, course):
    head = head_of(client, "/es/courses/sourdough/")
    assert head["canonical"] == SITE + "/es/courses/sourdough/"
    assert head["alternates"]["en"] == SITE + "/en/courses/sourdough/"
    assert head["alternates"]["x-default"] == SITE + "/en/courses/sourdough/"
    assert head["og"]["og:locale"] == ["es"] and head["og"]["og:locale:alternate"] == ["en"]
    assert head["json_ld"][0]["name"] == "Pan de masa madre"
    assert head["json_ld"][0]["offers"]["price"] == "49.00"  # the source's price


def test_a_free_course_has_no_offer_and_a_summary_card_without_cover(client, catalog):
    factories.publish(factories.build_course(title="Free one", slug="free-one", price=0, summary="Free."))
    head = head_of(client, "/en/courses/free-one/")
    assert "offers" not in head["json_ld"][0] and head["json_ld"][0]["isAccessibleForFree"] is True
    assert head["twitter"]["twitter:card"] == "summary" and "og:image" not in head["og"]
    assert head["alternates"] == {}  # one language: nothing to announce


def test_json_ld_cannot_close_its_script_element(client, catalog):
    evil = '</script><script>alert("x")</script><!--'
    factories.publish(factories.build_course(title=evil, slug="evil", price=0, summary=evil))
    head = head_of(client, "/en/courses/evil/")
    assert "<script>alert" not in head["html"]
    assert head["json_ld"][0]["name"] == evil  # parsed back intact
    assert head["og"]["og:title"] == [evil]  # attributes escaped by the template


def test_the_home_page_describes_the_site_with_its_search(client, locales):
    head = head_of(client, "/fr/")
    assert head["canonical"] == SITE + "/fr/"
    assert head["alternates"] == {"en": SITE + "/en/", "es": SITE + "/es/", "fr": SITE + "/fr/",
                                  "pt-BR": SITE + "/pt-br/", "x-default": SITE + "/en/"}  # fmt: skip
    assert head["og"]["og:locale"] == ["fr"]
    assert sorted(head["og"]["og:locale:alternate"]) == ["en", "es", "pt_BR"]
    (data,) = head["json_ld"]
    website, organization = data["@graph"]
    assert website["@type"] == "WebSite" and website["url"] == SITE + "/fr/" and website["inLanguage"] == "fr"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == SITE + "/fr/search/?q={search_term_string}"
    assert organization["@type"] == "Organization" and organization["url"] == SITE + "/"


def test_the_home_page_describes_itself_with_its_hero_unless_the_editor_wrote_a_description(client, locales):
    home = HomePage.objects.get(pk=locales["en"].pk)
    home.body = [("hero", {"heading": "Learn", "text": "Courses by practitioners."})]
    home.save_revision().publish()
    assert head_of(client, "/en/")["description"] == "Courses by practitioners."
    home.search_description = "The open-source learning platform."
    home.save_revision().publish()
    head = head_of(client, "/en/")
    assert head["description"] == head["og"]["og:description"][0] == "The open-source learning platform."


def test_the_catalog_a_program_and_a_standard_page_have_their_metadata(client, locales, catalog):
    catalog.introduction = "Every course, in every language."
    factories.publish(catalog)
    course = factories.build_course(title="Bread", slug="bread", price="10.00")
    program("Baking bundle", [course], "15.00")
    about = locales["en"].add_child(instance=StandardPage(title="About", slug="about", introduction="Who we are."))
    about.save_revision().publish()
    for url, description in [("/en/courses/", "Every course, in every language."),
                             ("/en/courses/baking-bundle/", "A bundle."), ("/en/about/", "Who we are.")]:  # fmt: skip
        head = head_of(client, url)
        assert head["description"] == description
        assert head["canonical"] == SITE + url == head["og"]["og:url"][0]
        assert head["og"]["og:site_name"] == ["Aula"] and head["twitter"]["twitter:card"] == "summary"


def test_the_head_is_the_same_for_every_visitor_and_names_none(client, course, user_factory):
    anonymous = head_of(client, "/en/courses/sourdough/")["html"]
    student = user_factory(email="reader@example.com", display_name="Rita Reader")
    client.force_login(student)
    signed_in = head_of(client, "/en/courses/sourdough/")["html"]
    assert signed_in == anonymous
    assert "Rita" not in signed_in and "reader@example.com" not in signed_in
    assert "csrf" not in signed_in.lower()


def test_the_head_costs_one_query_for_the_translations_at_any_number_of_them(client, locales, no_caching):
    """With caches off (counting what a render itself reads): the home page with one
    translation and with three asks the same number of queries."""
    counts = []
    for codes in (["en", "es"], ["en", "es", "pt-br", "fr"]):
        for code, home in locales.items():
            page = HomePage.objects.get(pk=home.pk)
            if code not in codes:
                page.unpublish()
            elif not page.live:
                page.save_revision().publish()
        client.get("/en/")  # what the first request reads once (site root paths)
        with CaptureQueriesContext(connection) as queries:
            head = head_of(client, "/en/")
        assert len(head["alternates"]) == len(codes) + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_head_is_kept_rendered_for_the_next_visitor(client, catalog):
    """Shared as rendered HTML, not as facts rendered again on every request."""
    course = factories.build_course(sections=1, resources_per_section=1, price="10.00")
    first = head_of(client, course.url)
    client.force_login(factories.UserFactory())
    response = client.get(course.url)
    assert "includes/page_metadata.html" not in [t.name for t in response.templates]
    assert head_of(client, course.url)["canonical"] == first["canonical"]
