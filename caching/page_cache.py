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
  locale...; see ``caching.apps``) replaces the token, so the next request of every
  page is rendered afresh on every server that shares the cache. Old entries age out.

The same generation keeps **shared fragments** (``shared_fragment``): what every visitor
of a language sees inside otherwise personal pages (menus, footer, a page's language
links), computed once per generation and language rather than on every signed-in request.

Each process also keeps the fragments it has used lately in memory (``_recent``): their
keys hold the generation, so an entry can only be current or never asked for again, and a
hit saves the cache round trip and the unpickling (a 300-resource outline costs ~4 ms to
unpickle). Fragments are read-only for their users (the outline's records are frozen).

The cache is the ``pages`` alias: Redis (shared by every server) when ``REDIS_URL`` is
set, otherwise a file-based cache that the workers of one machine share.
"""

import contextvars
import copy
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

CACHE_ALIAS = "pages"
GENERATION_KEY = "aula:page-cache:generation"
_prefix = contextvars.ContextVar("aula_page_cache_prefix", default="")
# The generation this request started with, for code that has no request at hand (the
# permissions backend): set on first use, forgotten when the request ends.
_request_generation = contextvars.ContextVar("aula_page_cache_request_generation", default=None)
_in_request = contextvars.ContextVar("aula_page_cache_in_request", default=False)


def enabled():
    return settings.AULA_PAGE_CACHE_SECONDS > 0


def invalidate(**kwargs):
    """Forget every cached page (a signal receiver: takes and ignores signal arguments):
    now, and once more when the transaction that made the change commits — a request
    served in between rendered what the database held before it, under the token
    replaced then."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    caches[CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, None)
    _request_generation.set(None)


def forget_everything():
    """A new generation, and nothing remembered by this process (for tests)."""
    _new_generation()
    _recent.clear()


def generation(request=None):
    """The current generation token (remembered on ``request``, or for the current
    request when there is none at hand, for the rest of it)."""
    if request is not None and hasattr(request, "_aula_page_generation"):
        return request._aula_page_generation
    if request is None and _request_generation.get() is not None:
        return _request_generation.get()
    cache = caches[CACHE_ALIAS]
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY, token)
    if request is not None:
        request._aula_page_generation = token
    if _in_request.get():
        _request_generation.set(token)
    return token


def renders_afresh(request):
    """Is this render outside sharing? No request at hand, or a preview (a draft)."""
    return request is None or bool(getattr(request, "is_preview", False))


def shared_fragment(request, name, build):
    """``build()``'s value, shared by every visitor of this host and language until the
    next change (the generation): it must hold nothing personal and pickle cheaply (plain
    dicts and strings, not model instances). With the page cache off, built every time."""
    return shared_fragments(request, [name], lambda missing: {name: build()})[name]


def shared_fragments(request, names, build_missing):
    """``{name: value}`` for several fragments at once (as ``shared_fragment``):
    ``build_missing(missing_names)`` returns the values of those not in the cache, so a
    page listing many of them builds all the missing ones together."""
    return _shared(request, f"{request_host(request)}:{get_language()}:", names, build_missing)


def request_host(request):
    """``request.get_host()``, checked against ALLOWED_HOSTS once per request (a page asks
    for dozens of fragments)."""
    if "_aula_host" not in request.__dict__:
        request.__dict__["_aula_host"] = request.get_host()
    return request.__dict__["_aula_host"]


def shared_value(request, name, build):
    """Like ``shared_fragment``, for what is the same on every host and in every language
    (the site's locales, whether any page has view restrictions...). ``request`` may be
    None inside a request (the generation is then remembered for the request) or outside
    one (read every time)."""
    return _shared(request, "", [name], lambda missing: {name: build()})[name]


def shared_instance(request, name, fetch):
    """A model instance (``fetch()``'s, or None) kept like a ``shared_value``; each caller
    gets its own copy, so what a request remembers on it stays with that request. For
    what changes only with the generation: published pages, their course."""
    instance = shared_value(request, name, lambda: fetch() or False)
    return copy.copy(instance) if instance else None


def shared_values(request, names, build_missing):
    """Several ``shared_value``s at once, as ``shared_fragments``."""
    return _shared(request, "", names, build_missing)


def _shared(request, scope, names, build_missing):
    """The values of ``names`` (None is never kept: its builder runs again next time)."""
    if not enabled():
        return build_missing(list(names))
    prefix = f"aula:fragment:{generation(request)}:{scope}"
    found = {name: _recent.get(prefix + name) for name in names}
    pending = [name for name, value in found.items() if value is None]
    if not pending:
        return found
    cache = caches[CACHE_ALIAS]
    stored = cache.get_many([prefix + name for name in pending])
    missing = []
    for name in pending:
        found[name] = stored.get(prefix + name)
        if found[name] is None:
            missing.append(name)
    if missing:
        built = build_missing(missing)
        found.update(built)
        keep = {prefix + name: value for name, value in built.items() if value is not None}
        cache.set_many(keep, settings.AULA_PAGE_CACHE_SECONDS)
    for name in pending:
        if found[name] is not None:
            _recent.put(prefix + name, found[name])
    return found


class _RecentFragments:
    """A small least-recently-used map, safe to share between a worker's threads."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


_recent = _RecentFragments(size=2000)


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
        _prefix.set(f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.{generation(request)}")
        return super().process_request(request)


class UpdateAnonymousPage(_GenerationPrefix, UpdateCacheMiddleware):
    """First in ``MIDDLEWARE``: stores an anonymous visitor's Wagtail page (and marks
    where a request starts and ends, for ``generation``)."""

    def __call__(self, request):
        _in_request.set(True)
        _request_generation.set(None)
        try:
            return super().__call__(request)
        finally:
            _in_request.set(False)
            _request_generation.set(None)

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
