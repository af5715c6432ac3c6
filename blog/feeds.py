"""RSS 2.0 and Atom feeds of the blog, per language and per tag (django.contrib.syndication).

``/feeds/blog/<language>/rss/`` and ``…/atom/``, ``/feeds/blog/<language>/tag/<slug>/rss/``
and ``…/atom/``: outside ``i18n_patterns`` (machine-read), each in its own language. Only
live, public posts (a scheduled post appears once it is published, a draft never), newest
first, with absolute links on ``SITE_URL`` and the cover image as an enclosure. A language
the site does not have, or a tag no post of that language carries, is a 404.
"""

import mimetypes
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .listing import as_cards, blog_index_for, live_posts, tag_in_blog

ENTRIES = 20


def absolute(path):
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


class _Blog:
    """What a feed is about: one language's blog (and a tag)."""

    def __init__(self, index, tag=None):
        self.index, self.tag = index, tag

    @property
    def language(self):
        return self.index.locale.language_code


class BlogRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        language = kwargs.get("language", "")
        try:
            if language not in dict(settings.LANGUAGES):
                raise Http404
            with translation.override(language):
                return super().__call__(request, *args, **kwargs)
        except Http404:
            # Django's LocaleMiddleware answers a 404 outside i18n_patterns with a redirect to
            # /en/<path> (which Wagtail then answers 404): a feed reader gets the 404 itself.
            request.urlconf = "blog.feed_urls"
            raise

    def get_object(self, request, language, tag=None):
        locale = Locale.objects.filter(language_code=language).first()
        index = blog_index_for(None, locale.pk) if locale else None
        if index is None:
            raise Http404
        found = None
        if tag is not None:
            found = tag_in_blog(index, tag)
            if found is None:
                raise Http404
        return _Blog(index, found)

    def title(self, blog):
        site_name = _site_name()
        if blog.tag:
            return _("%(site)s blog: %(tag)s") % {"site": site_name, "tag": blog.tag.name}
        return _("%(site)s blog") % {"site": site_name}

    def link(self, blog):
        path = blog.index.url if blog.tag is None else blog.index.tag_url(blog.tag.slug)
        return absolute(path)

    def description(self, blog):
        return blog.index.introduction or _("The newest posts of the blog.")

    def feed_url(self, blog):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return absolute(feed_path(blog.language, kind, blog.tag.slug if blog.tag else None))

    def items(self, blog):
        posts = live_posts(blog.index.locale_id).child_of(blog.index)
        if blog.tag is not None:
            posts = posts.filter(tagged_items__tag=blog.tag)
        return list(as_cards(posts).select_related("cover_image")[:ENTRIES])

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.excerpt

    def item_link(self, post):
        return absolute(post.url)

    def item_guid(self, post):
        return absolute(post.url)

    def item_pubdate(self, post):
        return post.first_published_at or _midnight(post.date)

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_author_name(self, post):
        return post.author.name if post.author else None

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def item_enclosures(self, post):
        image = post.cover_image
        if image is None:
            return []
        size = image.file_size or image.get_file_size()
        mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
        return [Enclosure(absolute(image.file.url), str(size or 0), mime_type)]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, blog):
        return self.description(blog)


def feed_path(language, kind, tag=None):
    from django.urls import reverse

    if tag:
        return reverse(f"blog_tag_feed_{kind}", kwargs={"language": language, "tag": tag})
    return reverse(f"blog_feed_{kind}", kwargs={"language": language})


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _site_name():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).site_name if site else "Aula"
