"""Wagtail's page serving, with the facts that are the same for every request kept in the
shared cache (``caching.shared``) until a scope they depend on is renewed.

Wagtail finds a page in five queries before serving it — the site, the locale, the
localized home page, the page's id and type, the page itself — and checks its view
restrictions in two more, on every request. ``serve`` answers the same without a query
once the path has been seen since the last change:

* the ``Site`` for a host and port (kept as its field values; each request gets its own);
* the page a path names in the active language, as published (each request gets its own
  copy), kept under ``SITE`` and the scopes the page declares (``registry.page_depends_on``:
  a lesson depends on its course). Wagtail's own ``route`` still decides (a page that is not
  live is a 404). Only paths that name a page are kept, never a sub-route or a 404;
* whether any page of the site has view restrictions. While none has, the check costs
  nothing; when one does, Wagtail's own check runs unchanged.

Wagtail reads what this module gives it from three private places. They are written only
here (``_give_wagtail``), and ``caching/tests/test_wagtail_internals.py`` fails loudly on
a Wagtail upgrade that stops reading them:

* ``request._wagtail_site`` (``Site.find_for_request`` returns it);
* ``request._wagtail_route_for_request`` (``Page.route_for_request`` returns it);
* a page's ``get_view_restrictions`` (Wagtail's privacy hook calls it).
"""

import copy

from django.conf import settings
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from . import registry, scopes, sites
from .path_language import path_language
from .shared import request_host, shared_value

_SITE_FIELDS = [field.attname for field in Site._meta.concrete_fields]


def serve(request, path):
    """Wagtail's ``serve`` view (same URL name, ``wagtail_serve``), routed from the cache
    (``lms_site.urls`` runs it without a transaction for reads: ``core.transactions``)."""
    if scopes.enabled():
        if site_for_request(request) is not None:
            _route_from_cache(request, path)
    elif settings.AULA_PAGE_ROUTER:
        _route_with(import_string(settings.AULA_PAGE_ROUTER), request, path)
    return wagtail_views.serve(request, path)


def _route_with(router, request, path):
    """Sharing off: the route and view restrictions ``router`` finds (in fewer queries than
    Wagtail, ``AULA_PAGE_ROUTER``), unless it leaves the request to Wagtail (None)."""
    found = router(request, path)
    if found is None:
        return
    route, restrictions = found
    _give_wagtail(request, {"route": route, "view_restrictions": restrictions})


class SharedSiteMiddleware:
    """Sets the request's Wagtail site from the shared cache (with the caches off, from the
    site's rows read once per request: ``caching.sites``), for every view under a language
    prefix (menus, settings and page URLs all ask for it). Elsewhere — the admin, health
    checks, webhooks, feeds, files — Wagtail finds it if it needs it, and a request that
    never does waits for no cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if path_language(request) is not None:
            _give_wagtail(request, {"site": site_for_request(request)})
        return self.get_response(request)


def site_for_request(request):
    """The Wagtail ``Site`` answering ``request`` (None when no site does), as Wagtail's
    ``Site.find_for_request`` finds it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not scopes.enabled():
        return sites.site_for_request(request)  # from the site's rows, read once per request

    def find():
        site = Site._find_for_request(request)
        return None if site is None else [getattr(site, name) for name in _SITE_FIELDS]

    values = shared_value(request, f"site:{request_host(request)}:{request.get_port()}", find)
    return None if values is None else Site.from_db("default", _SITE_FIELDS, values)


def _route_from_cache(request, path):
    key = f"page-at:{request_host(request)}:{get_language()}:{path}"
    where = shared_value(request, key, lambda: _where(request, path))
    if not where:
        return  # a page's own sub-route, or nothing there: Wagtail's own routing answers
    page_scopes, page_key = where
    page = shared_value(request, page_key, lambda: _page_at(request, path), scopes=page_scopes)
    if not page:
        return
    page = copy.copy(page)  # this request's own
    try:
        route = page.route(request, [])
    except Http404:
        route = None
    facts = {"route": route}
    if route is not None and not _any_view_restrictions(request):
        facts["no_view_restrictions"] = True
    _give_wagtail(request, facts)


def _give_wagtail(request, facts):
    """The one place that writes what Wagtail reads from its private attributes: the
    request's ``site``, its ``route`` and that the routed page has ``no_view_restrictions``."""
    if "site" in facts:
        request._wagtail_site = facts["site"]
    if "route" in facts:
        request._wagtail_route_for_request = facts["route"]
    if facts.get("no_view_restrictions"):
        # Wagtail's privacy hook asks the page itself; this page (this request's own copy)
        # has none to report.
        facts["route"][0].get_view_restrictions = PageViewRestriction.objects.none
    elif facts.get("route") is not None and "view_restrictions" in facts:
        restrictions = facts["view_restrictions"]
        facts["route"][0].get_view_restrictions = lambda: restrictions


def _where(request, path):
    """Which page ``path`` names, by what never changes about it: ``(its scopes, the name
    of its cached copy)``; False for a page's own sub-route; None (not kept) for nothing."""
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page, args, kwargs = route
    if args or kwargs:
        return False
    return registry.page_depends_on(page), f"page:{page.pk}"


def _page_at(request, path):
    """The page ``path`` names, read afresh after its scopes' tokens were read."""
    route = Page.route_for_request(request, path)
    if route is None or route[1] or route[2]:
        return None
    page = route[0]
    return type(page).objects.get(pk=page.pk)


def _any_view_restrictions(request):
    return shared_value(request, "any-view-restrictions", PageViewRestriction.objects.exists)
