"""The blog's page tree, reading time and related posts."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPage
from blog.reading import reading_minutes
from home.models import HomePage, StandardPage

from .factories import post

pytestmark = pytest.mark.django_db


class TreeRules(WagtailPageTestCase):
    def test_blog_lives_under_a_home_page_and_holds_only_posts(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanNotCreateAt(StandardPage, BlogPage)


def test_the_default_language_has_a_blog_from_the_start():
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    assert blog.live and blog.get_parent().specific_class is HomePage


def test_reading_time_counts_the_words_of_the_body(en_blog):
    page = post(body=[("rich_text", "<p>" + "word " * 401 + "</p>"), ("quote", {"text": "one two", "source": ""})])
    assert page.reading_minutes == 3  # 403 words at 200 a minute
    assert reading_minutes([]) == 1


def test_related_posts_share_tags_in_the_same_language_most_shared_first(en_blog, locales):
    page = post(tags=["video", "captions"])
    one_tag = post(tags=["video"])
    two_tags = post(tags=["video", "captions"])
    post(tags=["python"])  # nothing shared
    post(tags=["video"], publish=False)  # a draft
    spanish_blog = en_blog.copy_for_translation(locales["es"].locale)
    spanish_blog.save_revision().publish()
    post(parent=spanish_blog, tags=["video"])  # another language
    from blog.listing import related_posts

    assert related_posts(page) == [two_tags, one_tag]


def test_a_post_offers_its_excerpt_and_cover_to_the_seo_tags(en_blog):
    from .factories import ImageFactory

    cover = ImageFactory()
    page = post(excerpt="Short and sweet.", cover_image=cover)
    assert page.seo_description() == "Short and sweet."
    assert page.seo_image() == cover
