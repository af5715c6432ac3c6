"""One id per request: sent back in the ``X-Request-ID`` header and written into every log
record made while the request is handled, so the lines of one request can be found together
(and matched with the reverse proxy's access log).

The id is the one the reverse proxy sent (nginx's ``$request_id``: ``deploy/nginx/aula.conf``)
when Aula sits behind a trusted proxy (``TRUSTED_PROXY_COUNT`` ≥ 1) and the value looks like
an id; otherwise a new random one. A client reaching gunicorn directly cannot choose it.

``RequestIdMiddleware`` is first in ``MIDDLEWARE`` (the id lasts until the response is
closed); ``RequestIdFilter`` is on the console log handler (``LOGGING``), which gives each
record a ``request_id`` attribute (``"-"`` outside a request: the worker, management commands).
"""

import contextvars
import logging
import os
import re

from django.conf import settings

HEADER = "X-Request-ID"
# Letters, digits and a few separators, at most 128 characters: nothing that could forge a
# log line or a header (nginx's ids are 32 hex digits; other proxies' UUIDs fit too).
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_current = contextvars.ContextVar("request_id", default=None)


def current_request_id():
    """The id of the request being handled in this thread, or None."""
    return _current.get()


def _incoming_id(request):
    if not settings.TRUSTED_PROXY_COUNT:
        return None
    value = request.headers.get(HEADER, "")
    return value if _ACCEPTED.fullmatch(value) else None


class RequestIdMiddleware:
    """First in ``MIDDLEWARE``: the id is set before anything else can log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request) or os.urandom(16).hex()  # 32 hex digits, as nginx's
        request.request_id = request_id
        # Kept until the response is closed (request_finished), not only until this returns:
        # Django logs a 4xx or 5xx answer ("Not Found: …") after the middleware is done.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def forget_request_id(**kwargs):
    """``request_finished`` receiver (connected in ``SiteConfig.ready``): the thread's next
    log lines belong to no request until the next one starts."""
    _current.set(None)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``"-"`` outside a request); filters nothing out."""

    def filter(self, record):
        record.request_id = _current.get() or "-"
        return True
