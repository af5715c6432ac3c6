"""What a public page tells search engines and social networks about itself: the protocol
a page type follows to join the site's metadata (``<head>``: description, canonical URL,
``hreflang`` links, Open Graph, Twitter card, JSON-LD) and its XML sitemap.

A page type joins with ``SeoPage`` among its bases, overriding what it knows better than
the defaults, and (for the sitemap) one Wagtail hook in its app's ``wagtail_hooks.py``::

    class BlogPage(SeoPage, Page):
        og_type = "article"

        def seo_description(self):
            return self.search_description or self.excerpt

        def seo_image(self):
            return self.cover_image

        def structured_data(self, request, facts):
            return {"@context": "https://schema.org", "@type": "BlogPosting",
                    "headline": self.title, "url": facts.canonical, ...}

    hooks.register("register_sitemap_page_type", lambda: BlogPage)   # blog/wagtail_hooks.py

The head is built by ``home.metadata`` (``{% page_metadata %}`` in ``base.html``) and shared
by every visitor: nothing here may depend on who is looking. The sitemap is
``home.sitemap``. This module imports no app.
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe

SITEMAP_HOOK = "register_sitemap_page_type"

# What json_script escapes: a "</script>" or "<!--" inside a title cannot end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class SeoPage:
    """The protocol, with defaults that suit a plain page (Wagtail's promote tab: its
    *Search description* is the description)."""

    #: ``og:type``: "website", or "article" for a dated post.
    og_type = "website"
    #: Beyond ``SITE``, the scopes (``caching.scopes``) publishing one of these pages renews:
    #: the cached sitemap depends on them (courses renew ``CATALOG``).
    sitemap_scopes = ()

    def seo_description(self):
        """One or two sentences: ``<meta name="description">``, ``og:description``."""
        return self.search_description

    def seo_image(self):
        """A Wagtail image for ``og:image`` and the Twitter card, or None."""
        return None

    def structured_data(self, request, facts):
        """A JSON-LD dict (or a list of them) about this page, or None. ``facts``: what the
        head already knows (``home.metadata.PageFacts``: canonical, description, image,
        language, site name and URL). Public facts only: it is shared with every visitor."""
        return None

    @classmethod
    def sitemap_pages(cls, pages):
        """Narrow ``pages`` (this model's live, public pages) to those the sitemap lists."""
        return pages


def absolute(url):
    """A path on this site as a full URL on ``SITE_URL`` (a full URL stays as it is)."""
    if not url or "://" in url or url.startswith("//"):
        return url
    return settings.SITE_URL.rstrip("/") + url


def page_url(page, request=None):
    """The page's canonical address: its path on ``SITE_URL`` when it belongs to the default
    site (whose ``Site`` row may say ``localhost``), else its own site's full URL; None for a
    page outside every site."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, path = parts
    return absolute(path) if site_id == _default_site_id() else root_url + path


def _default_site_id():
    from caching.sites import default_site_id

    return default_site_id()


def hreflang(language_code):
    """A Wagtail language code as an ``hreflang`` value: "pt-br" → "pt-BR"."""
    language, _, region = language_code.partition("-")
    return f"{language}-{region.upper()}" if region else language


def og_locale(language_code):
    """A language code as ``og:locale`` wants it: "pt-br" → "pt_BR"."""
    return hreflang(language_code).replace("-", "_")


def json_ld(data):
    """``data`` as the body of a ``<script type="application/ld+json">``, escaped as
    Django's ``json_script`` escapes (no ``</script>`` can close it early)."""
    from django.core.serializers.json import DjangoJSONEncoder

    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
