"""Factories of the blog's tests: authors, categories and posts under the blog of the
default language (made by ``blog/0002``)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from blog.models import BlogAuthor, BlogCategory, BlogIndexPage, BlogPage


class BlogAuthorFactory(DjangoModelFactory):
    class Meta:
        model = BlogAuthor

    name = factory.Sequence(lambda n: f"Author {n}")
    bio = "Writes about learning."


class BlogCategoryFactory(DjangoModelFactory):
    class Meta:
        model = BlogCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"Cover {n}")
    file = factory.LazyFunction(lambda: get_test_image_file(filename="cover.png"))


class BlogPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogPage

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    excerpt = "What this post is about, in one sentence."
    author = factory.SubFactory(BlogAuthorFactory)
    body = factory.LazyFunction(lambda: [("rich_text", "<p>" + "word " * 450 + "</p>")])


def blog(language_code="en"):
    return BlogIndexPage.objects.get(locale__language_code=language_code)


def post(parent=None, tags=(), publish=True, **kwargs):
    """A post under ``parent`` (the English blog), with ``tags``, published (a revision,
    as the editor's Publish does) unless ``publish=False`` (a draft)."""
    page = BlogPageFactory(parent=parent or blog(), live=publish, **kwargs)
    if tags:
        page.tags.add(*tags)
        page.save()
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
