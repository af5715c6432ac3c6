"""Per-course renewal: a change inside one course renews that course's cached pages and
fragments (and the catalog's cards where they show), never another course's."""

import pytest
from django.test import Client

from courses.models import ResourcePage, Review
from courses.tests import factories
from discussions.models import Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(shared_cache):
    pass


@pytest.fixture
def two_courses(db):
    first = factories.build_course(title="Course A", slug="course-a", price=0)
    second = factories.build_course(title="Course B", slug="course-b", price=0)
    return first, second


def preview_of(course):
    return ResourcePage.objects.descendant_of(course).get(free_preview=True)


def served_from_cache(path, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_post_in_one_course_leaves_the_other_courses_pages_cached(
    two_courses, user_factory, django_assert_num_queries
):
    first, second = two_courses
    lesson_a, lesson_b = preview_of(first), preview_of(second)
    for path in (lesson_a.url, lesson_b.url, second.url):
        Client().get(path)
    thread = Thread.objects.create(page_key=lesson_a.translation_key)
    Post.objects.create(thread=thread, author=user_factory(display_name="Poster"), body="A fresh question")

    served_from_cache(lesson_b.url, django_assert_num_queries)
    served_from_cache(second.url, django_assert_num_queries)
    assert "A fresh question" in Client().get(lesson_a.url).content.decode()


def test_a_review_renews_its_course_and_the_catalog_but_not_another_course(
    two_courses, user_factory, django_assert_num_queries
):
    first, second = two_courses
    catalog = first.get_parent().url
    for path in (first.url, second.url, catalog):
        Client().get(path)
    Review.objects.create(user=user_factory(), course_key=first.translation_key, course=first, rating=5)

    served_from_cache(second.url, django_assert_num_queries)
    assert "5.0" in Client().get(first.url).content.decode()
    assert "5.0" in Client().get(catalog).content.decode()


def test_publishing_inside_a_course_renews_that_course_only(two_courses, django_assert_num_queries):
    first, second = two_courses
    lesson_a = preview_of(first)
    for path in (first.url, lesson_a.url, second.url):
        Client().get(path)
    lesson_a.title = "Retitled lesson"
    factories.publish(lesson_a)

    served_from_cache(second.url, django_assert_num_queries)
    assert "Retitled lesson" in Client().get(first.url).content.decode()  # the outline
    assert "Retitled lesson" in Client().get(lesson_a.url).content.decode()


def test_a_site_wide_change_renews_every_course(two_courses):
    from wagtail.models import Site

    from home.models import SiteSettings

    first, second = two_courses
    for course in two_courses:
        Client().get(course.url)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = "Renamed Academy"
    site_settings.save()
    for course in (first, second):
        assert "Renamed Academy" in Client().get(course.url).content.decode()


def test_a_bulk_write_renews_through_the_declared_rules(two_courses, user_factory):
    """``renew_rows``: the one call for writes that bypass save signals."""
    from caching.registry import renew_rows

    first, _second = two_courses
    review = Review.objects.create(user=user_factory(), course_key=first.translation_key, course=first, rating=2)
    assert "2.0" in Client().get(first.url).content.decode()
    Review.objects.filter(pk=review.pk).update(rating=4)
    assert "2.0" in Client().get(first.url).content.decode()  # no signal: still the cached copy
    renew_rows(Review, [review])
    assert "4.0" in Client().get(first.url).content.decode()


def test_unknown_query_parameters_and_cookies_create_no_entries(two_courses):
    from caching import scopes

    first, _second = two_courses
    Client().get(first.url)
    before = len(scopes.store()._cache) if hasattr(scopes.store(), "_cache") else None
    for junk in range(20):
        visitor = Client()
        visitor.cookies["tracker"] = f"junk-{junk}"
        assert visitor.get(f"{first.url}?utm_source={junk}").status_code == 200
        assert visitor.get(first.url).status_code == 200
    if before is not None:  # the in-process cache of the tests without Redis
        assert len(scopes.store()._cache) == before


def test_a_signed_in_request_reads_the_common_tokens_with_the_users_own(client, user_factory, shared_cache):
    """The tokens most signed-in requests read (the catalog, permissions, the dashboard's events
    and announcements) come in the round trip of the user's own token, not one each."""
    from caching import scopes

    user = user_factory()
    client.force_login(user)
    client.get("/en/dashboard/")
    store, reads = scopes.store(), []
    original = store.get_many

    def get_many(keys, *args, **kwargs):
        reads.append([key.removeprefix("aula:token:") for key in keys if key.startswith("aula:token:")])
        return original(keys, *args, **kwargs)

    store.get_many = get_many
    try:
        assert client.get("/en/dashboard/").status_code == 200
    finally:
        del store.get_many
    with_user = next(read for read in reads if scopes.user(user.pk) in read)
    assert {scopes.CATALOG, scopes.PERMISSIONS, "events", "announcements", "teaching"} <= set(with_user)
    assert sum(1 for read in reads if read) == 2  # SITE first (routing), then the user's
