"""Scopes: what a cached thing depends on, and what a change renews.

Every scope has a **token** in the ``pages`` cache. A cached thing is stored with the tokens
of the scopes it depends on, read *before* the database was, and is served only while each
is still current. A change renews the tokens of the scopes it touches — at once, and again
when its transaction commits (a request that read the old rows in between stored what it
read under a token that is gone by then) — so the next request on every server reads afresh.

The scopes:

* ``SITE``: everything (menus, footer, settings and themes, locales, sites, categories,
  a page moved or renamed). Every cached thing depends on it.
* ``CATALOG``: course cards (catalog, home page, programs): ratings, durations, titles.
* ``course(key)``: one course in every language (its pages, reviews, discussion, outline).
* ``user(id)``: one signed-in user's own facts (the personal cache).
* ``PERMISSIONS``: who holds which permission or group.

Tokens are read once per request (remembered until it ends) and those read are what a whole
cached page depends on. With the cache unreachable, nothing is remembered and every read goes
to the database.
"""

import contextvars
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "pages"
SITE = "site"
CATALOG = "catalog"
PERMISSIONS = "permissions"

logger = logging.getLogger(__name__)

# This request's tokens ({scope: token}); None outside a request (read every time).
_request_tokens = contextvars.ContextVar("aula_request_tokens", default=None)
# What this request built while sharing is off or the cache is unreachable ({key: value}):
# built once per request, never kept beyond it.
_request_values = contextvars.ContextVar("aula_request_values", default=None)


# Scopes most signed-in requests read (``read_with_user``): their tokens come in the round trip
# of the signed-in user's token (read with the session's user), instead of one round trip each.
_READ_WITH_USER = {CATALOG, PERMISSIONS}


def read_with_user(*scopes):
    """Read the tokens of ``scopes`` with a user's, once per signed-in request (``caching.registry``)."""
    _READ_WITH_USER.update(scopes)


def read_user(user_id):
    """Before a user's own value is read: their token and those read with it, in one round trip
    the first time in a request (the personal cache calls it)."""
    remembered = _request_tokens.get()
    if remembered is not None and user(user_id) not in remembered:
        tokens([user(user_id), *_READ_WITH_USER])


def course(key):
    """A course, in every language: its ``translation_key``."""
    return f"course:{key}"


def user(user_id):
    return f"user:{user_id}"


def enabled():
    return settings.AULA_PAGE_CACHE_SECONDS > 0


def store():
    return caches[CACHE_ALIAS]


def _token_key(scope):
    return f"aula:token:{scope}"


def tokens(scopes):
    """``{scope: token}`` for ``scopes`` (SITE always among them), one round trip at most;
    None when the cache cannot be reached."""
    scopes = {SITE, *scopes}
    remembered = _request_tokens.get()
    found = {scope: remembered[scope] for scope in scopes if remembered and scope in remembered}
    missing = [scope for scope in scopes if scope not in found]
    if missing:
        try:
            stored = store().get_many([_token_key(scope) for scope in missing])
            for scope in missing:
                token = stored.get(_token_key(scope))
                if token is None:  # first use, or evicted: a new token before the database is read
                    token = uuid.uuid4().hex
                    if not store().add(_token_key(scope), token, None):
                        token = store().get(_token_key(scope)) or token
                found[scope] = token
        except Exception:  # noqa: BLE001  (a cache that cannot be reached is a miss, never a 500)
            logger.warning("The shared cache cannot be reached; reading from the database.", exc_info=True)
            return None
        if remembered is not None:
            remembered.update({scope: found[scope] for scope in missing})
    return found


def renew(*scopes):
    """Forget every cached thing that depends on ``scopes``: now, and again on commit."""
    scopes = list(dict.fromkeys(scope for scope in scopes if scope))  # a bulk write names each once
    if not scopes:
        return
    _replace(scopes)
    transaction.on_commit(lambda: _replace(scopes))


def _replace(scopes):
    new = {scope: uuid.uuid4().hex for scope in scopes}
    try:
        store().set_many({_token_key(scope): token for scope, token in new.items()}, None)
    except Exception:  # noqa: BLE001
        logger.warning("The shared cache cannot be reached to renew %s.", scopes, exc_info=True)
    remembered = _request_tokens.get()
    if remembered is not None:
        remembered.update(new)
    built = _request_values.get()
    if SITE in new and built:  # what this request built with sharing off may be out of date
        built.clear()


def start_request():
    """Remember tokens for the request that starts (the outermost middleware calls it)."""
    return _request_tokens.set({}), _request_values.set({})


def end_request(reset):
    tokens_reset, values_reset = reset
    _request_tokens.reset(tokens_reset)
    _request_values.reset(values_reset)


def built_in_this_request():
    """``{key: value}`` built by this request with sharing off (None outside a request)."""
    return _request_values.get()


def read_in_this_request():
    """The tokens this request has read so far (what a page rendered now depends on)."""
    return dict(_request_tokens.get() or {})


def current(dependencies):
    """Are the ``{scope: token}`` a thing was stored with all still current?"""
    now = tokens(dependencies)
    return now is not None and all(now[scope] == token for scope, token in dependencies.items())
