"""The language a request's path starts with (``/es/…``), found once per request.

Django's ``get_language_from_path`` was asked five times per request — by the page cache,
the shared site, and three times by ``LocaleMiddleware`` — and for every path outside the
language prefix (the admin, webhooks, feeds, files, health checks) each time raised and
caught a ``LookupError`` for a first segment that is no language ("admin", "webhooks").
``path_language(request)`` gives the same answer from the first segment's, kept per
process (a few dozen segments: languages and the site's top-level routes), and the answer
on the request. ``caching/tests/test_path_language.py`` compares it with Django's.
"""

import functools
import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language_from_path

_ON_REQUEST = "_aula_path_language"
_UNKNOWN = object()
# Django's own pattern (``trans_real.language_code_prefix_re``), compiled here: that one is a
# lazy object, a proxy call on every match.
_PREFIX = re.compile(r"^/(\w+([@-]\w+){0,2})(/|$)")


def path_language(request):
    """``get_language_from_path(request.path_info)``, worked out once per request."""
    language = request.__dict__.get(_ON_REQUEST, _UNKNOWN)
    if language is _UNKNOWN:
        language = request.__dict__[_ON_REQUEST] = language_of_path(request.path_info)
    return language


def language_of_path(path):
    """``get_language_from_path(path)``: the supported language its first segment names, or None."""
    match = _PREFIX.match(path)
    return None if match is None else _language_of_segment(match[1])


@functools.lru_cache(maxsize=512)
def _language_of_segment(segment):
    return get_language_from_path(f"/{segment}/")


@receiver(setting_changed)
def _forget_segments(setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _language_of_segment.cache_clear()
