"""`/healthz`: are the database, Redis (the cache, when REDIS_URL is set) and the job queue
reachable? 200 with ``"status": "ok"`` when all are, else 503 naming what failed, always JSON.

``AnswerHealthChecks``, first in ``MIDDLEWARE``, answers it before any other middleware runs:
the others read the database and Redis on every request (the site and the page cache's
generation from the shared cache, the session), so the very failures this page reports
would otherwise turn it into the HTML 500 page. It answers whatever the Host header says
(a load balancer's probe often sends an address, not the site's name): it reveals nothing
but these statuses.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker

PATH = "/healthz"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def _queue():
    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("queue broker did not answer")
    broker.queue_size()


def checks():
    """What is checked, by the name the report gives it: the cache is Redis when REDIS_URL is set."""
    return {"database": _database, "redis" if settings.REDIS_URL else "cache": _cache, "queue": _queue}


# Not atomic: with ATOMIC_REQUESTS the transaction would open (and fail) before the checks run.
@transaction.non_atomic_requests
@never_cache
def healthz(request):
    results = {}
    for name, check in checks().items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # report any failure, never raise
            results[name] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)


class AnswerHealthChecks:
    """First in ``MIDDLEWARE``: ``/healthz`` is answered here, before the middleware that
    needs the database or Redis."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
