"""Whole pages for anonymous visitors, served from the shared cache.

``AnonymousPageCache`` is the first middleware: a visitor who carries neither a session nor
messages (nor an ``Authorization`` header) asking for a Wagtail page (``wagtail_serve``) by
GET or HEAD gets the stored copy when every scope it was rendered under is still current
(``caching.scopes``); otherwise the page renders and, if it may be shared, is stored with the
tokens that render read. Wagtail 8 has no page cache of its own and wagtail-cache does not
support it yet, so Aula keeps this one.

What is never stored: an answer that sets a cookie, says ``private``/``no-store``, is not
HTML or not a 200, or whose render used the visitor's CSRF token. What does not create
entries: query parameters nobody declared (``AULA_PAGE_CACHE_QUERY_PARAMETERS``; anything
else is rendered and not stored) and cookies (an anonymous render reads none). The key is
the host, the language, the path and the declared parameters, so there is one entry per
page and query — replaced, not added to, when it is renewed.
"""

import contextlib
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from . import scopes
from .path_language import path_language
from .private_responses import mark_private
from .scopes import enabled
from .shared import _recent, _recent_copies


def forget_everything():
    """Nothing cached is current any more, and nothing remembered by this process (tests)."""
    scopes.store().clear()
    _recent.clear()
    _recent_copies.clear()


def shareable_request(request):
    """May this request's answer be shared with other visitors? Anonymous, without a
    session or messages, a plain read."""
    user = getattr(request, "user", None)
    return _sessionless_read(request) and not (user is not None and user.is_authenticated)


def _sessionless_read(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META  # the Authorization header (request.headers reads every header)
    )


def page_key(request):
    """The entry's key, or None when the query holds a parameter nobody declared or the
    path has no language prefix (every page lives under one: ``lms_site.urls``' i18n
    patterns; a health check, a webhook or a feed never waits for the cache)."""
    language = path_language(request)
    if language is None:
        return None
    allowed = settings.AULA_PAGE_CACHE_QUERY_PARAMETERS
    ignored = settings.AULA_PAGE_CACHE_IGNORED_PARAMETERS
    query = []
    for name, values in sorted(request.GET.lists()):
        if name in ignored:
            continue
        if name not in allowed:
            return None
        query.append((name, values))
    raw = repr((request.get_host(), language, request.path, query))
    return "aula:page:" + hashlib.sha256(raw.encode()).hexdigest()


class AnonymousPageCache:
    """First in ``MIDDLEWARE``: serves and stores anonymous visitors' pages, and marks where
    a request starts and ends (the tokens it reads are remembered until then)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = scopes.start_request()
        try:
            # A path outside the language prefix first: no page is cached there.
            key = page_key(request) if path_language(request) and enabled() and _sessionless_read(request) else None
            if key is not None:
                cached = _fetch(key)
                if cached is not None:
                    return cached
            response = self.get_response(request)
            if key is not None and _may_store(request, response):
                _store(key, response)
            elif _personal_page(request, response):
                mark_private(response)  # a name, a CSRF token, a cart: for this visitor only
            return response
        finally:
            scopes.end_request(reset)


def _fetch(key):
    try:
        entry = scopes.store().get(key)
    except Exception:  # noqa: BLE001  (unreachable: render the page)
        return None
    if entry is None:
        return None
    dependencies, status, headers, content = entry
    if not scopes.current(dependencies):
        return None
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["Expires"] = http_date()
    return response


def _personal_page(request, response):
    """An HTML page rendered for someone with a session (signed in, a cart, messages) or by
    a method other than a plain read: nobody else, no proxy, may keep it."""
    return (
        response.get("Content-Type", "").startswith("text/html")
        and not shareable_request(request)
        and "private" not in response.get("Cache-Control", "")
    )


def _may_store(request, response):
    match = getattr(request, "resolver_match", None)
    return (
        match is not None
        and match.url_name == "wagtail_serve"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and shareable_request(request)
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _store(key, response):
    dependencies = scopes.read_in_this_request()
    if scopes.SITE not in dependencies:
        return  # the render read nothing shared: it was not routed through the cache
    # Browsers and proxies ask again every time; only Aula's cache keeps the page, because
    # only Aula's cache is told when it changes.
    patch_cache_control(response, max_age=0, must_revalidate=True)
    response.headers.setdefault("Expires", http_date())
    headers = [(name, value) for name, value in response.items() if name.lower() not in ("expires", "date")]
    entry = (dependencies, response.status_code, headers, response.content)
    with contextlib.suppress(Exception):  # unreachable: nothing kept
        scopes.store().set(key, entry, settings.AULA_PAGE_CACHE_SECONDS)
