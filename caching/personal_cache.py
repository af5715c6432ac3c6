"""Facts about one signed-in user, read from the shared cache instead of the database on
every request: their account (the session's user), their enrollment in a course and the
resources they completed in it.

Each user has a **token** in the ``pages`` cache (the page cache's alias: Redis, or files
the workers of one machine share). A value is stored with the token it was read under, and
served only while that token is still the user's: the token and the values come back in
one round trip (``get_many``). Whatever writes such a fact calls ``renew(user_id)`` —
the models' save and delete signals, and the few queryset updates (see each app's
``connect_personal_cache``) — which replaces the token at once and again when the
transaction commits. So the next request of that user, on every server, reads afresh; and
a request that read the database before a write committed can only have stored its value
under a token nobody asks for any more, so a stale value is never served.

It is on whenever the page cache is (``AULA_PAGE_CACHE_SECONDS`` > 0); off, every value
is read from the database. Values are the user's own: never put them in anything shared.
"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from .page_cache import CACHE_ALIAS, enabled


def _token_key(user_id):
    return f"aula:personal:{user_id}:token"


def _value_key(user_id, name):
    return f"aula:personal:{user_id}:{name}"


def personal_value(user_id, name, build):
    """``build()``'s value for this user (None included), from the cache while it holds."""
    return personal_values(user_id, [name], lambda missing: {name: build()})[name]


def personal_values(user_id, names, build_missing):
    """``{name: value}``: ``build_missing(missing_names)`` reads those the cache lacks."""
    if not enabled() or not user_id:
        return build_missing(list(names))
    cache = caches[CACHE_ALIAS]
    token_key = _token_key(user_id)
    keys = {name: _value_key(user_id, name) for name in names}
    stored = cache.get_many([token_key, *keys.values()])
    token = stored.get(token_key)
    if token is None:  # first use, or evicted: a new token before the database is read
        token = uuid.uuid4().hex
        if not cache.add(token_key, token, None):
            token = cache.get(token_key) or token
    found, missing = {}, []
    for name, key in keys.items():
        entry = stored.get(key)
        if entry is not None and entry[0] == token:
            found[name] = entry[1]
        else:
            missing.append(name)
    if missing:
        built = build_missing(missing)
        cache.set_many({keys[name]: (token, built[name]) for name in missing}, settings.AULA_PAGE_CACHE_SECONDS)
        found.update(built)
    return found


def renew(user_id):
    """Forget what is cached about this user: now, and once more when the transaction
    that changed it commits (a request reading in between stored the old value under the
    token replaced then)."""
    if not user_id:
        return
    _replace_token(user_id)
    transaction.on_commit(lambda: _replace_token(user_id))


def _replace_token(user_id):
    caches[CACHE_ALIAS].set(_token_key(user_id), uuid.uuid4().hex, None)


def renew_for_instance(sender, instance, **kwargs):
    """A save or delete signal's receiver, for models with a ``user_id``."""
    renew(instance.user_id)
