"""`/healthz`: is the database, the cache and the job queue reachable?"""

import uuid

from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker


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


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


# Not atomic: with ATOMIC_REQUESTS the transaction would open (and fail) before the checks run.
@transaction.non_atomic_requests
@never_cache
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # report any failure, never raise
            results[name] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)
