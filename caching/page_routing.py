"""Wagtail's page serving, with the facts that are the same for every request kept in
the shared cache until the next change (``page_cache.shared_fragment``'s generation).

Wagtail finds a page in five queries before serving it — the site, the locale, the
localized home page, the page's id and type, the page itself — and checks its view
restrictions in two more, on every request. ``serve`` answers the same without a query
once the path has been seen since the last change:

* the ``Site`` for a host and port (kept as its field values; each request gets its own
  instance, set where Wagtail looks for it, ``request._wagtail_site``);
* the page a path names in the active language, as published (each request gets its own
  copy); Wagtail's own ``route`` still decides (a page that is not live is a 404). Only
  paths that name a page are kept, never a page's sub-route (``RoutablePageMixin``) or a
  404;
* whether any page of the site has view restrictions. Aula decides course access in
  ``courses.access``; Wagtail's privacy settings are rarely used, and while no page has
  any the check costs nothing. When one does, Wagtail's own check runs unchanged.

The page cache's invalidation renews all of it: pages published, unpublished, moved or
deleted, sites, locales and view restrictions saved or deleted (``AULA_PAGE_CACHE_INVALIDATED_BY``).
"""

import copy

from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from core.transactions import atomic_unless_reading

from .page_cache import enabled, request_host, shared_value

_SITE_FIELDS = [field.attname for field in Site._meta.concrete_fields]


@atomic_unless_reading
def serve(request, path):
    """Wagtail's ``serve`` view (same URL name, ``wagtail_serve``), routed from the cache."""
    if enabled() and site_for_request(request) is not None:
        _route_from_cache(request, path)
    return wagtail_views.serve(request, path)


class SharedSiteMiddleware:
    """Sets the request's Wagtail site from the shared cache, for every view (menus,
    settings and page URLs all ask for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled():
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def site_for_request(request):
    """The Wagtail ``Site`` answering ``request`` (None when no site does), as Wagtail's
    ``Site.find_for_request`` finds it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not enabled():
        return Site.find_for_request(request)

    def find():
        site = Site._find_for_request(request)
        return None if site is None else [getattr(site, name) for name in _SITE_FIELDS]

    values = shared_value(request, f"site:{request_host(request)}:{request.get_port()}", find)
    return None if values is None else Site.from_db("default", _SITE_FIELDS, values)


def _route_from_cache(request, path):
    key = f"page-at:{request_host(request)}:{get_language()}:{path}"
    page = shared_value(request, key, lambda: _page_at(request, path))
    if not page:
        return  # a page's own sub-route, or nothing there: Wagtail's own routing answers
    page = copy.copy(page)  # this request's own
    try:
        route = page.route(request, [])
    except Http404:
        route = None
    request._wagtail_route_for_request = route
    if route is not None and not _any_view_restrictions(request):
        # Wagtail's privacy hook asks the page itself; this page (this request's own
        # copy) has none to report.
        route[0].get_view_restrictions = PageViewRestriction.objects.none


def _page_at(request, path):
    """The page ``path`` names, read afresh (the kept copy holds nothing a request
    remembered on it); False for a page's own sub-route; None (not kept) for nothing."""
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page, args, kwargs = route
    if args or kwargs:
        return False
    return type(page).objects.get(pk=page.pk)


def _any_view_restrictions(request):
    return shared_value(request, "any-view-restrictions", PageViewRestriction.objects.exists)
