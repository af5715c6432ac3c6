"""Shared values and fragments: what is the same for every visitor, computed once until a
scope it depends on is renewed (``caching.scopes``), then reused by every request on every
server sharing the cache.

* ``shared_fragment(request, name, build, scopes=())``: per host and language (menus, a
  course's outline, a lesson's body) — it must hold nothing personal;
* ``shared_value(request, name, build, scopes=())``: the same on every host and in every
  language (the site's locales, who teaches a course);
* ``shared_instance``: a model instance kept like a value, each caller getting its own copy.

Every value is stored with the tokens of ``SITE`` and of its ``scopes``; a value whose
tokens are no longer current is built again. Values pickle cheaply (plain dicts and
strings, frozen records) and None is never kept. Each process also keeps the values it used
lately (``_recent``), checked against the same tokens, which saves the round trip and the
unpickling of large ones (a 300-resource outline).
"""

import contextlib
import copy
import pickle
import threading
from collections import OrderedDict

from django.conf import settings
from django.utils.translation import get_language

from . import scopes as _scopes


def renders_afresh(request):
    """Is this render outside sharing? No request at hand, or a preview (a draft)."""
    return request is None or bool(getattr(request, "is_preview", False))


def request_host(request):
    """``request.get_host()``, checked against ALLOWED_HOSTS once per request."""
    if "_aula_host" not in request.__dict__:
        request.__dict__["_aula_host"] = request.get_host()
    return request.__dict__["_aula_host"]


def page_scopes(page):
    """What a page's shared parts depend on beyond ``SITE`` (its app's declaration, e.g. a
    lesson's course), remembered on the page."""
    if page is None or not getattr(page, "pk", None):
        return []
    if "_aula_scopes" not in page.__dict__:
        from .registry import page_depends_on

        page.__dict__["_aula_scopes"] = page_depends_on(page)
    return page.__dict__["_aula_scopes"]


def shared_fragment(request, name, build, scopes=()):
    return shared_fragments(request, [name], lambda missing: {name: build()}, scopes)[name]


def shared_fragments(request, names, build_missing, scopes=()):
    """``{name: value}`` for several fragments at once: ``build_missing(missing_names)``
    returns the values of those not in the cache, built together."""
    return _shared(f"{request_host(request)}:{get_language()}:", names, build_missing, scopes)


def shared_value(request, name, build, scopes=()):
    """``request`` is accepted for symmetry; values do not depend on it."""
    return _shared("", [name], lambda missing: {name: build()}, scopes)[name]


def shared_values(request, names, build_missing, scopes=(), remember=True):
    """``remember=COPIES``: kept in this process's memory pickled, so each call gets its own
    copy (values their users change, such as the session's user) without a round trip."""
    return _shared("", names, build_missing, scopes, remember)


def shared_instance(request, name, fetch, scopes=()):
    """A model instance (``fetch()``'s, or None) kept like a ``shared_value``; each caller
    gets its own copy, so what a request remembers on it stays with that request."""
    instance = shared_value(request, name, lambda: fetch() or False, scopes)
    return copy.copy(instance) if instance else None


def _shared(prefix, names, build_missing, scopes, remember=True):
    """``scopes``: what every value depends on beyond ``SITE`` — a list, or a dict giving
    each name its own list (a page listing several courses asks for them together)."""
    if not _scopes.enabled():
        return _built_for_this_request(prefix, names, build_missing, remember)
    per_name = scopes if isinstance(scopes, dict) else dict.fromkeys(names, scopes)
    tokens = _scopes.tokens({scope for name in names for scope in per_name.get(name, ())})
    if tokens is None:  # the cache cannot be reached
        return _built_for_this_request(prefix, names, build_missing, remember)
    stamps = {name: _stamp(tokens, per_name.get(name, ())) for name in names}
    keys = {name: f"aula:shared:{prefix}{name}" for name in names}
    memory = _recent_copies if remember == COPIES else _recent
    found, pending = {}, []
    for name, key in keys.items():
        entry = memory.get(key) if remember else None
        if entry is not None and entry[0] == stamps[name]:
            found[name] = _from_memory(entry[1], remember)
        else:
            pending.append(name)
    if not pending:
        return found
    try:
        stored = _scopes.store().get_many([keys[name] for name in pending])
    except Exception:  # noqa: BLE001  (unreachable: read from the database)
        stored = {}
    missing = []
    for name in pending:
        entry = stored.get(keys[name])
        if entry is not None and entry[0] == stamps[name]:
            found[name] = entry[1]
            if remember:
                memory.put(keys[name], (entry[0], _to_memory(entry[1], remember)))
        else:
            missing.append(name)
    if missing:
        built = build_missing(missing)
        keep = {keys[name]: (stamps[name], value) for name, value in built.items() if value is not None}
        with contextlib.suppress(Exception):  # unreachable: nothing kept
            _scopes.store().set_many(keep, settings.AULA_PAGE_CACHE_SECONDS)
        if remember:
            for key, (stamp, value) in keep.items():
                memory.put(key, (stamp, _to_memory(value, remember)))
        found.update(built)
    return found


COPIES = "copies"  # ``remember=COPIES``: each reader gets its own copy of what is remembered


def _to_memory(value, remember):
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if remember == COPIES else value


def _from_memory(value, remember):
    return pickle.loads(value) if remember == COPIES else value  # noqa: S301  (our own pickles)


def _built_for_this_request(prefix, names, build_missing, remember):
    """Sharing off (or the cache unreachable): each value built once per request, not kept
    beyond it (a page asks for the site's locales or a course's outline several times)."""
    built = _scopes.built_in_this_request() if remember is True else None
    if built is None:
        return build_missing(list(names))
    keys = {name: f"{prefix}{name}" for name in names}
    missing = [name for name in names if keys[name] not in built]
    if missing:
        for name, value in build_missing(missing).items():
            built[keys[name]] = value
    return {name: built[keys[name]] for name in names}


def _stamp(tokens, scopes):
    return tuple((scope, tokens[scope]) for scope in sorted({_scopes.SITE, *scopes}))


class _RecentValues:
    """A small least-recently-used map, safe to share between a worker's threads."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


_recent = _RecentValues(size=2000)
# Users' own values (caching.personal_cache), apart so that many users never push the shared
# values out; pickled, so that no two requests share an object.
_recent_copies = _RecentValues(size=2000)
