"""When Redis cannot be reached. Aula's own caches read the database instead (``caching``'s
contract); what else keeps its state there — the login and form rate limits (allauth, the
discussions) — cannot decide without it, so the request that needs it is answered with a
page saying the action is briefly unavailable (503, ``Retry-After``), never a 500."""

import logging

from django.shortcuts import render
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .private_responses import mark_private

logger = logging.getLogger(__name__)


class CacheUnavailableMiddleware:
    """Turns a Redis connection failure inside a view into the "briefly unavailable" page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (RedisConnectionError, RedisTimeoutError)):
            return None
        logger.error("Redis cannot be reached: %s %s answered 503.", request.method, request.path, exc_info=exception)
        return unavailable_response(request)


def unavailable_response(request):
    response = render(request, "503_cache.html", status=503)
    response["Retry-After"] = "60"
    return mark_private(response)


def cache_reachable():
    """Can the default cache (the rate limits' store) be reached? Always, without Redis."""
    from django.core.cache import cache

    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return True
    try:
        return bool(client.get_client().ping())
    except Exception:  # noqa: BLE001
        return False
