"""Anonymous blog pages come from the page cache, and are renewed when what they show
changes: a post published (its page, the blog, its tags, the home block), a comment
approved (that post only)."""

import pytest

from .factories import post

pytestmark = pytest.mark.django_db


def served_from_cache(client, path, django_assert_num_queries):
    client.get(path)
    with django_assert_num_queries(0):
        return client.get(path).content.decode()


def test_an_anonymous_post_page_is_served_from_the_cache_and_renewed_on_publish(
    client, en_blog, django_assert_num_queries
):
    page = post(title="First title")
    assert "First title" in served_from_cache(client, page.url, django_assert_num_queries)
    page.title = "Second title"
    page.save_revision().publish()
    assert "Second title" in client.get(page.url).content.decode()


def test_publishing_a_post_renews_the_blog_and_its_tag_pages(client, en_blog, django_assert_num_queries):
    post(title="Old news", tags=["news"])
    for path in ("/en/blog/", "/en/blog/tag/news/"):
        assert "Old news" in served_from_cache(client, path, django_assert_num_queries)
    fresh = post(title="Fresh news", tags=["news"])
    for path in ("/en/blog/", "/en/blog/tag/news/"):
        assert "Fresh news" in client.get(path).content.decode()
    fresh.unpublish()
    for path in ("/en/blog/", "/en/blog/tag/news/"):
        assert "Fresh news" not in client.get(path).content.decode()


def test_a_post_leaves_other_pages_cached(client, en_blog, django_assert_num_queries):
    from home.models import StandardPage

    about = StandardPage.objects.filter(locale__language_code="en").first() or en_blog.get_parent().add_child(
        instance=StandardPage(title="About", slug="about")
    )
    served_from_cache(client, about.url, django_assert_num_queries)
    post(title="Unrelated")
    with django_assert_num_queries(0):
        client.get(about.url)


def test_an_approved_comment_renews_its_post(client, en_blog, django_assert_num_queries):
    from accounts.tests.factories import UserFactory
    from discussions import services

    page = post()
    newcomer = UserFactory(email="new@example.com", verified=True)
    moderator = UserFactory(email="mod@example.com", groups=["Moderators"])
    held = services.post_question(page, newcomer, "A held comment")
    assert "A held comment" not in served_from_cache(client, page.url, django_assert_num_queries)
    services.approve_post(held, moderator)
    assert "A held comment" in client.get(page.url).content.decode()
