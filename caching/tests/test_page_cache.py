"""The anonymous page cache (lms_site/page_cache.py): anonymous visitors share whole pages,
a change they would see shows on the next request, and nothing per-user is ever shared."""

import pytest
from django.test import Client
from wagtail.models import Locale, Site

from courses.models import ResourcePage, Review
from courses.tests import factories
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(shared_cache):
    pass


@pytest.fixture
def course(db):
    teacher = factories.instructor(display_name="Teacher One")
    course = factories.build_course(title="Cached course", slug="cached-course", price=0, owner=teacher)
    course.instructors.add(teacher)
    course.save()
    return course


def anonymous_html(path):
    """A page as a brand-new anonymous visitor gets it."""
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_anonymous_visitor_is_served_from_the_cache_without_queries(course, django_assert_num_queries):
    first = Client().get(course.url)
    assert first.status_code == 200
    assert not first.cookies, "an anonymous answer sets no cookie"
    assert first["Cache-Control"] == "max-age=0, must-revalidate"
    with django_assert_num_queries(0):
        second = Client().get(course.url)
    assert second.status_code == 200
    assert second.content == first.content
    assert not second.cookies


@pytest.mark.parametrize("page", ["home", "catalog", "course", "section", "preview"])
def test_every_public_page_kind_is_cached_for_anonymous_visitors(course, page, django_assert_num_queries):
    section = course.get_children().first()
    path = {
        "home": "/en/",
        "catalog": course.get_parent().url,
        "course": course.url,
        "section": section.url,
        "preview": ResourcePage.objects.descendant_of(course).get(free_preview=True).url,
    }[page]
    anonymous_html(path)
    with django_assert_num_queries(0):
        anonymous_html(path)


def test_a_signed_in_page_is_neither_stored_nor_served_to_anyone_else(client, course, user_factory):
    student = user_factory(email="someone@example.com", display_name="Private Person")
    client.force_login(student)
    signed_in = client.get(course.url)
    assert "private" in signed_in["Cache-Control"] and "no-store" in signed_in["Cache-Control"]
    html = anonymous_html(course.url)
    assert "Private Person" not in html and "someone@example.com" not in html
    assert "csrfmiddlewaretoken" not in html
    # And the other way round: the anonymous copy never reaches the signed-in user.
    assert "Private Person" in client.get("/en/").content.decode()


def test_a_visitor_with_messages_gets_a_fresh_page_and_others_never_see_the_message(client, course, user_factory):
    user_factory(email="leaver@example.com")
    anonymous_html("/en/")  # cached before anyone logs out
    client.login(email="leaver@example.com", password="a-Strong-pass-2026")
    client.post("/en/accounts/logout/")
    assert "You have signed out." in client.get("/en/").content.decode()
    assert "You have signed out." not in anonymous_html("/en/")


def test_the_language_choice_of_one_visitor_never_reaches_another(course, locales):
    spanish = Client()
    spanish.cookies["django_language"] = "es"
    assert spanish.get("/")["Location"] == "/es/"
    assert Client().get("/")["Location"] == "/en/"
    assert 'lang="es"' in anonymous_html("/es/")
    assert 'lang="en"' in anonymous_html("/en/")


def test_refusals_are_never_cached(course):
    paid = factories.build_course(title="Paid", slug="paid", price="10.00")
    locked = ResourcePage.objects.descendant_of(paid).get(title="Resource 1.2")
    for _ in range(2):
        response = Client().get(locked.url)
        assert response.status_code == 403
        assert "no-store" in response["Cache-Control"]


# --- Invalidation: each change shows on the very next anonymous request -------------------


def test_publishing_a_change_shows_at_once(course):
    assert "Cached course" in anonymous_html(course.url)
    course.title = "Renamed course"
    factories.publish(course)
    assert "Renamed course" in anonymous_html(course.url)
    assert "Renamed course" in anonymous_html(course.get_parent().url)


def test_publishing_renews_the_cache_again_when_its_transaction_commits(course, django_capture_on_commit_callbacks):
    """A visitor served while the publishing transaction was still open read the page as
    it was before (on another connection) and stored it: the commit renews the cache, so
    that copy is never served after it."""
    from courses.models import CoursePage

    with django_capture_on_commit_callbacks() as on_commit:
        course.title = "Retitled course"
        course.save_revision().publish()
    anonymous_html(course.url)  # stored before the commit
    CoursePage.objects.filter(pk=course.pk).update(title="As committed")  # differs from what was stored
    for callback in on_commit:
        callback()  # the commit
    assert "As committed" in anonymous_html(course.url)


def test_a_draft_does_not_show(course):
    anonymous_html(course.url)
    course.title = "Draft title"
    course.save_revision()
    assert "Draft title" not in anonymous_html(course.url)


def test_unpublishing_removes_the_page_at_once(course):
    section = course.get_children().first()
    anonymous_html(section.url)
    section.specific.unpublish()
    assert Client().get(section.url).status_code == 404


def test_moving_a_page_shows_at_once(course):
    other = factories.build_course(sections=0, title="Other course", slug="other-course", price=0)
    section = course.get_children().first().specific
    old_url = section.url
    anonymous_html(old_url)
    section.move(other, pos="last-child")
    section.refresh_from_db()
    moved = Client().get(old_url)
    assert moved.status_code == 301 and moved["Location"] == section.url  # Wagtail's automatic redirect
    assert "Other course" in anonymous_html(section.url)


def test_deleting_a_page_shows_at_once(course):
    catalog_url = course.get_parent().url
    assert "Cached course" in anonymous_html(catalog_url)
    course.delete()
    assert "Cached course" not in anonymous_html(catalog_url)


def test_a_new_review_changes_the_rating_at_once(course, user_factory):
    assert "5.0" not in anonymous_html(course.url)
    Review.objects.create(user=user_factory(), course_key=course.translation_key, course=course, rating=5)
    assert "5.0" in anonymous_html(course.url)


def test_site_settings_show_at_once(course):
    anonymous_html("/en/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "Renamed Academy"
    settings.save()
    assert "Renamed Academy" in anonymous_html("/en/")


def test_a_renamed_category_shows_at_once(course):
    category = factories.CategoryFactory(name="Gardening", slug="gardening")
    course.category = category
    factories.publish(course)
    assert "Gardening" in anonymous_html(course.get_parent().url)
    category.name = "Horticulture"
    category.save()
    assert "Horticulture" in anonymous_html(course.get_parent().url)


def test_a_published_translation_shows_in_the_language_links_at_once(course, locales):
    spanish = Locale.objects.get(language_code="es")
    course.get_parent().specific.copy_for_translation(spanish).save_revision().publish()
    anonymous_html(course.url)
    translation = course.copy_for_translation(spanish)
    translation.save_revision().publish()
    assert translation.url in anonymous_html(course.url)


def test_turned_off_nothing_is_stored(settings, course):
    settings.AULA_PAGE_CACHE_SECONDS = 0
    anonymous_html(course.url)
    response = Client().get(course.url)
    assert "Cache-Control" not in response
    assert response.context is not None  # rendered again, not from the cache


def test_a_paid_course_page_with_its_buy_buttons_is_cached(django_assert_num_queries):
    paid = factories.build_course(title="Paid", slug="paid", price="10.00")
    first = Client().get(paid.url)
    assert "Buy now" in first.content.decode() and not first.cookies
    with django_assert_num_queries(0):
        assert Client().get(paid.url).content == first.content


@pytest.mark.parametrize("page", ["home", "catalog", "standard"])
def test_every_page_rendered_for_a_signed_in_user_is_private(client, course, user_factory, page):
    """The home page, the catalog and standard pages carry the user's name and a CSRF token:
    no proxy may keep them (issue 21)."""
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="en")
    standard = home.add_child(instance=StandardPage(title="About us", slug="about-us"))
    standard.save_revision().publish()
    path = {"home": "/en/", "catalog": course.get_parent().url, "standard": standard.url}[page]
    client.force_login(user_factory(display_name="Named Visitor"))
    response = client.get(path)
    assert response.status_code == 200
    assert "Named Visitor" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
