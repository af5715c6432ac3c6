"""Failure tests: the site as production runs it, with one of its parts taken away (the
database, Redis, the background worker). Each is bounded and touches only 127.0.0.1."""

import importlib
import os
import sys
from contextlib import contextmanager
from unittest import mock

import pytest

# What production.py (and base.py under production's environment) decides about the path
# of a request: the middleware, the page cache that middleware uses, the caches and sessions.
REQUEST_PATH_SETTINGS = [
    "MIDDLEWARE",
    "AULA_PAGE_CACHE_SECONDS",
    "REDIS_URL",
    "CACHES",
    "SESSION_ENGINE",
    "SESSION_CACHE_ALIAS",
]


def production_settings(**environ):
    """``lms_site.settings.production`` evaluated afresh under ``environ`` (e.g. REDIS_URL),
    as a dict of its upper-case names; the settings modules already imported are untouched."""
    names = ["lms_site.settings.base", "lms_site.settings.production"]
    package = sys.modules["lms_site.settings"]
    kept = {name: sys.modules.pop(name, None) for name in names}
    kept_base = getattr(package, "base", None)
    environment = {"SECRET_KEY": "failure-tests", "REDIS_URL": "", **environ}
    try:
        with mock.patch.dict(os.environ, environment):
            module = importlib.import_module("lms_site.settings.production")
        return {name: getattr(module, name) for name in dir(module) if name.isupper()}
    finally:
        for name, previous in kept.items():
            sys.modules.pop(name, None)
            if previous is not None:
                sys.modules[name] = previous
        if kept_base is not None:
            package.base = kept_base


@contextmanager
def production_request_path(settings, **environ):
    """Requests go through production's middleware stack, caches and sessions."""
    from django.conf import global_settings

    values = production_settings(**environ)
    before = {name: getattr(settings, name, None) for name in REQUEST_PATH_SETTINGS}
    for name in REQUEST_PATH_SETTINGS:
        setattr(settings, name, values.get(name, getattr(global_settings, name, None)))
    try:
        yield values
    finally:  # before the suite's own clean-up empties the (test's) cache
        for name, value in before.items():
            setattr(settings, name, value)


@pytest.fixture
def production_stack(settings):
    """Production's middleware stack with its page cache on (the test settings turn the
    page cache off, and with it what the middleware reads before a view runs)."""
    with production_request_path(settings) as values:
        yield values


@pytest.fixture
def redis_unreachable(settings):
    """Production's request path with REDIS_URL pointing at a closed port: every cache and
    the sessions' cache copy fail to connect."""
    with production_request_path(settings, REDIS_URL="redis://127.0.0.1:1/0") as values:
        yield values


@pytest.fixture
def session_cache_unreachable(settings):
    """Production's sessions, with the cache they use (whichever alias that is) at a closed
    port; the other caches stay the test's own (their survival is caching/'s to test)."""
    values = production_settings(REDIS_URL="redis://127.0.0.1:1/0")
    alias = values.get("SESSION_CACHE_ALIAS", "default")
    before = (settings.SESSION_ENGINE, settings.SESSION_CACHE_ALIAS, settings.CACHES)
    settings.SESSION_ENGINE = values["SESSION_ENGINE"]
    settings.SESSION_CACHE_ALIAS = alias
    settings.CACHES = {**settings.CACHES, alias: values["CACHES"][alias]}
    try:
        yield alias
    finally:
        settings.SESSION_ENGINE, settings.SESSION_CACHE_ALIAS, settings.CACHES = before
