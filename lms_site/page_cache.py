"""Whole pages for anonymous visitors, served from the shared cache.

Django's own two-part cache middleware does the work (cache keys from the URL and the
``Vary`` headers, the refusal to store responses that set cookies or say ``private`` /
``no-store``). Wagtail 8 has no page cache of its own and the maintained package for it
(wagtail-cache) does not support Wagtail 8 yet, so Aula adds only two things:

* **who may use it**: GET/HEAD requests for Wagtail pages (the ``wagtail_serve`` route)
  from visitors who carry neither a session nor messages — so nothing a signed-in user,
  a visitor with a cart or a flash message sees can be stored or served. A stored
  response never sets a cookie (Django refuses those), so no CSRF token is ever shared.
* **invalidation by generation**: the cache keys start with a generation token kept in
  the same cache. Anything that changes what an anonymous page shows (publishing,
  unpublishing, moving or deleting a page, a review, site settings, categories, a
  locale...; see ``lms_site.apps``) replaces the token, so the next request of every
  page is rendered afresh on every server that shares the cache. Old entries age out.

The same generation keeps **shared fragments** (``shared_fragment``): what every visitor
of a language sees inside otherwise personal pages (menus, footer, a page's language
links), computed once per generation and language rather than on every signed-in request.

The cache is the ``pages`` alias: Redis (shared by every server) when ``REDIS_URL`` is
set, otherwise a file-based cache that the workers of one machine share.
"""

import contextvars
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

CACHE_ALIAS = "pages"
GENERATION_KEY = "aula:page-cache:generation"
_prefix = contextvars.ContextVar("aula_page_cache_prefix", default="")


def enabled():
    return settings.AULA_PAGE_CACHE_SECONDS > 0


def invalidate(**kwargs):
    """Forget every cached page (a signal receiver: takes and ignores signal arguments)."""
    caches[CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation(request=None):
    """The current generation token (remembered on ``request`` for the rest of it)."""
    if request is not None and hasattr(request, "_aula_page_generation"):
        return request._aula_page_generation
    cache = caches[CACHE_ALIAS]
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY, token)
    if request is not None:
        request._aula_page_generation = token
    return token


def shared_fragment(request, name, build):
    """``build()``'s value, shared by every visitor of this host and language until the
    next change (the generation): it must hold nothing personal and pickle cheaply (plain
    dicts and strings, not model instances). With the page cache off, built every time."""
    if not enabled():
        return build()
    cache = caches[CACHE_ALIAS]
    key = f"aula:fragment:{_generation(request)}:{request.get_host()}:{get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.AULA_PAGE_CACHE_SECONDS)
    return value


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
        and "Authorization" not in request.headers
    )


class _GenerationPrefix:
    """``key_prefix`` of Django's middleware, per request: the site's prefix plus the
    current generation (a context variable, so concurrent requests never mix them)."""

    @property
    def key_prefix(self):
        return _prefix.get()

    @key_prefix.setter
    def key_prefix(self, value):  # Django's __init__ assigns the settings' prefix
        pass


class FetchAnonymousPage(_GenerationPrefix, FetchFromCacheMiddleware):
    """Last in ``MIDDLEWARE``: answers an anonymous visitor's page from the cache."""

    def process_request(self, request):
        if not (enabled() and _sessionless_read(request)):
            request._cache_update_cache = False
            return None
        _prefix.set(f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.{_generation(request)}")
        return super().process_request(request)


class UpdateAnonymousPage(_GenerationPrefix, UpdateCacheMiddleware):
    """First in ``MIDDLEWARE``: stores an anonymous visitor's Wagtail page."""

    def __init__(self, get_response):
        super().__init__(get_response)
        # The server keeps a page this long (or until the generation changes), whatever
        # the response tells browsers.
        self.page_timeout = settings.AULA_PAGE_CACHE_SECONDS

    def _should_update_cache(self, request, response):
        match = getattr(request, "resolver_match", None)
        return (
            super()._should_update_cache(request, response)
            and match is not None
            and match.url_name == "wagtail_serve"
            and hasattr(request, "user")
            and shareable_request(request)
            and response.get("Content-Type", "").startswith("text/html")
        )

    def process_response(self, request, response):
        if self._should_update_cache(request, response):
            # Browsers and proxies ask again every time; only Aula's cache keeps the page,
            # because only Aula's cache is told when it changes.
            patch_cache_control(response, max_age=0, must_revalidate=True)
            response.headers.setdefault("Expires", http_date())
        return super().process_response(request, response)


def connect_invalidation():
    """Renew the generation whenever something anonymous pages show changes: any page
    published, unpublished, moved or deleted, and the models in
    ``AULA_PAGE_CACHE_INVALIDATED_BY`` saved or deleted."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="aula-page-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="aula-page-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="aula-page-cache-moved")
    for model in get_page_models():
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"aula-page-cache-{model._meta.label}")
    for label in settings.AULA_PAGE_CACHE_INVALIDATED_BY:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=f"aula-page-cache-{label}-{signal}")
