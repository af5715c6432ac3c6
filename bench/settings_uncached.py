"""Aula with every cache off: the bench's "uncached" server, on the same database.

* ``AULA_PAGE_CACHE_SECONDS = 0`` turns the caching layer off (``caching.scopes.enabled``):
  anonymous pages, shared values and fragments, routing facts, site settings, permissions;
* ``AULA_PERSONAL_CACHE = False``: each user's own facts;
* every cache alias becomes Django's ``DummyCache`` (what Wagtail and allauth keep in the
  default cache, e.g. the site root paths, is read afresh on every request);
* sessions stay in the database (``db`` engine: the same rows the cached server's
  ``cached_db`` sessions write, so the same cookie signs in on both).
"""

from settings_production import *  # noqa: F403
from settings_production import CACHES

AULA_PAGE_CACHE_SECONDS = 0
AULA_PERSONAL_CACHE = False
CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in CACHES}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
