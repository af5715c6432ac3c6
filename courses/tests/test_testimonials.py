"""The home page's testimonials block (courses/home_blocks.py, contributed through
AULA_HOME_BODY_BLOCKS): good, commented, visible reviews of live courses, the reviewer by
display name only, shared and renewed when a review changes."""

import pytest
from bs4 import BeautifulSoup

from courses import home_blocks
from courses.models import Review
from home.models import HomePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [("testimonials", {"heading": "What our students say", "count": 3})]
    home.save_revision().publish()
    return home


def review(course, rating=5, comment="Clear and friendly.", name="Rita Reader", email=None, **extra):
    user = factories.UserFactory(display_name=name, **({"email": email} if email else {}))
    return Review.objects.create(
        user=user, course=course, course_key=course.translation_key, rating=rating, comment=comment, **extra
    )


def quotes(client, url="/en/"):
    section = BeautifulSoup(client.get(url).content, "html.parser").select_one("section.testimonials")
    assert section is not None and section.h2.get_text() == "What our students say"
    return [
        {
            "quote": figure.blockquote.get_text(" ", strip=True),
            "caption": figure.figcaption.get_text(" ", strip=True),
            "link": figure.figcaption.a["href"],
            "rating": figure.select_one(".visually-hidden").get_text(),
        }
        for figure in section.find_all("figure")
    ]


def test_only_good_commented_visible_reviews_are_quoted(client, home, catalog):
    course = factories.build_course(title="Bread", slug="bread")
    review(course, 5, "Loved every lesson.", name="Ana")
    review(course, 4, "Very practical.", name="Ben")
    review(course, 3, "It was fine.", name="Cy")  # not a good rating
    review(course, 5, "", name="Dee")  # no text
    review(course, 5, "Hidden one.", name="Eve", hidden=True)
    found = quotes(client)
    assert [q["quote"] for q in found] == ["Very practical.", "Loved every lesson."]  # newest first
    assert found[0]["caption"].startswith("Ben")
    assert found[0]["link"] == "/en/courses/bread/" and found[0]["rating"] == "4 out of 5"


def test_the_reviewer_is_named_by_display_name_only(client, home, catalog):
    course = factories.build_course(title="Bread", slug="bread")
    review(course, name="", email="private.person@example.com", comment="Great.")
    html = client.get("/en/").content.decode()
    assert "private.person" not in html and "example.com" not in html
    assert quotes(client)[0]["caption"].startswith("A student")


def test_reviews_of_unpublished_courses_are_not_quoted(client, home, catalog):
    course = factories.build_course(title="Gone", slug="gone")
    review(course, comment="Was good.")
    course.unpublish()
    assert quotes(client) == []
    assert "Our students' words will appear here." in client.get("/en/").content.decode()


def test_the_course_is_linked_in_the_visitors_language(client, locales, catalog):
    spanish_catalog = catalog.copy_for_translation(locales["es"].locale)
    spanish_catalog.save_revision().publish()
    course = factories.build_course(title="Bread", slug="bread")
    spanish = course.copy_for_translation(locales["es"].locale)
    spanish.title = "Pan"
    spanish.save_revision().publish()
    review(course, comment="Muy bueno.")
    spanish_home = HomePage.objects.get(pk=locales["es"].pk)
    spanish_home.body = [("testimonials", {"heading": "What our students say", "count": 3})]
    spanish_home.save_revision().publish()
    (found,) = quotes(client, "/es/")
    assert found["link"] == "/es/courses/bread/" and "Pan" in found["caption"]


def test_the_cached_home_page_is_renewed_when_a_review_is_hidden_or_published(client, home, catalog, shared_cache):
    course = factories.build_course(title="Bread", slug="bread")
    first = review(course, comment="First words.")
    assert [q["quote"] for q in quotes(client)] == ["First words."]
    assert [q["quote"] for q in quotes(client)] == ["First words."]  # from the page cache
    first.hidden = True
    first.save()  # a moderator hides it
    assert quotes(client) == []
    review(course, comment="Second words.", name="Ben")
    assert [q["quote"] for q in quotes(client)] == ["Second words."]


def test_the_block_shows_at_most_its_count(client, home, catalog):
    course = factories.build_course(title="Bread", slug="bread")
    for n in range(5):
        review(course, comment=f"Quote {n}", name=f"Reader {n}")
    assert len(quotes(client)) == 3


def test_the_block_renders_its_preview_value():
    block = home_blocks.TestimonialsBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert "What our students say" in html


def test_the_home_page_offers_the_block_from_the_setting():
    assert isinstance(HomePage.body.field.stream_block.child_blocks["testimonials"], home_blocks.TestimonialsBlock)


def test_the_block_costs_the_same_queries_at_any_number_of_reviews(client, home, catalog, no_caching):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/")
        return len(queries)

    course = factories.build_course(title="Bread", slug="bread")
    for n in range(2):
        review(course, comment=f"Quote {n}", name=f"Reader {n}")
    small = count()
    for n in range(2, 30):
        other = factories.build_course(title=f"Course {n}", slug=f"course-{n}") if n % 5 == 0 else course
        review(other, comment=f"Quote {n}", name=f"Reader {n}")
    assert count() == small


def test_the_quotes_links_are_written_without_reading_the_sites_again(client, home, catalog, no_caching, settings):
    """With Wagtail's own cache off too (the bench's uncached server), the course links come
    from the request's site root paths, not from two more queries of Wagtail's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in settings.CACHES}
    review(factories.build_course(title="Bread", slug="bread"), comment="Warm and crusty.")
    with CaptureQueriesContext(connection) as queries:
        assert [q["link"] for q in quotes(client)] == ["/en/courses/bread/"]
    site_join = f"FROM {connection.ops.quote_name('wagtailcore_site')} INNER JOIN"  # "…" or `…` by database
    assert not [q for q in queries if site_join in q["sql"]]
