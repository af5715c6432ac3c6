"""The XML sitemap (``/sitemap.xml``, outside the language prefix): every live, public page
of the registered page types, in every language, each with its last publication date and
an ``xhtml:link`` alternate for every translation listed (``x-default`` the default
language's). Django's sitemap framework renders it, through Wagtail's ``Sitemap``.

**Which page types**: those registered with the ``register_sitemap_page_type`` Wagtail hook
(``core.seo.SITEMAP_HOOK``): a function returning a page model. The home app registers
home and standard pages, courses its catalog, courses and free-preview resources, commerce
its programs; a blog registers its posts in its own ``wagtail_hooks.py``::

    hooks.register("register_sitemap_page_type", lambda: BlogPage)

A model narrows its pages with ``sitemap_pages`` and names the scopes its publication
renews with ``sitemap_scopes`` (``core.seo.SeoPage``). Never listed: drafts, scheduled or
expired pages (not live), pages behind a view restriction (not public), sections and
resources behind enrollment.

**Cached** whole (``caching.shared``) until a page of a listed type is published,
unpublished, moved or deleted: each renews ``SITE`` or the scopes its type names (courses:
``CATALOG``), and the sitemap depends on all of them. A constant number of queries at any
number of pages: two per page type (its pages, and the view restrictions ``public()`` reads).
"""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import transaction
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Site

from caching.shared import shared_fragment
from core.seo import SITEMAP_HOOK, absolute, hreflang


def sitemap_page_types():
    """The registered page models, each once, in registration order."""
    return list(dict.fromkeys(register() for register in hooks.get_hooks(SITEMAP_HOOK)))


def sitemap_scopes(models):
    """What the sitemap depends on beyond ``SITE``: every type's ``sitemap_scopes``."""
    return sorted({scope for model in models for scope in getattr(model, "sitemap_scopes", ())})


class PageSitemap(Sitemap):
    """The registered types' live, public pages on the requested site, with alternates."""

    def __init__(self, request, models):
        super().__init__(request)
        self.models = models

    def items(self):
        pages = []
        for model in self.models:
            found = model.objects.live().public().defer_streamfields().select_related("locale")
            narrow = getattr(model, "sitemap_pages", lambda pages: pages)  # core.seo.SeoPage's
            pages.extend(narrow(found))
        site = self.get_wagtail_site()
        located = []
        for page in pages:
            parts = page.get_url_parts(self.request)
            if parts is not None and parts[0] == site.pk:  # pages of this site only
                page.sitemap_location = absolute(parts[2]) if site.is_default_site else parts[1] + parts[2]
                located.append(page)
        return sorted(located, key=lambda page: (page.locale.language_code, page.path))

    def location(self, page):
        return page.sitemap_location

    def _urls(self, page_number, protocol, domain):
        translations = {}
        for page in self.paginator.object_list:
            translations.setdefault(page.translation_key, {})[page.locale.language_code] = page.sitemap_location
        urls = []
        for page in self.paginator.page(page_number).object_list:
            versions = translations[page.translation_key]
            alternates = []
            if len(versions) > 1:
                alternates = [{"lang_code": hreflang(code), "location": url} for code, url in sorted(versions.items())]
                default = versions.get(_default_language()) or alternates[0]["location"]
                alternates.append({"lang_code": "x-default", "location": default})
            urls.append({"item": page, "location": page.sitemap_location, "lastmod": self.lastmod(page),
                         "alternates": alternates})  # fmt: skip
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def get_wagtail_site(self):
        if not hasattr(self, "_site"):
            self._site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        return self._site


def _default_language():
    return settings.LANGUAGE_CODE


@transaction.non_atomic_requests  # a read: no transaction (core/transactions.py)
@require_GET
def sitemap_xml(request):
    """``/sitemap.xml`` (``?p=2``… past 50,000 addresses), from the shared cache."""
    page_number = request.GET.get("p", "1")
    if not page_number.isdigit():
        raise Http404
    models = sitemap_page_types()

    def build():
        response = sitemap_views.sitemap(request, {"pages": PageSitemap(request, models)})
        response.render()
        return {"content": response.content, "last_modified": response.get("Last-Modified")}

    entry = shared_fragment(request, f"sitemap:{page_number}", build, sitemap_scopes(models))
    response = HttpResponse(entry["content"], content_type="application/xml")
    if entry["last_modified"]:
        response["Last-Modified"] = entry["last_modified"]
    return response
