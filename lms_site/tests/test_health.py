import pytest
from django.db.utils import OperationalError

from lms_site import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part_ok(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    cache_name = "redis" if settings.REDIS_URL else "cache"
    assert response.json() == {"status": "ok", "database": "ok", cache_name: "ok", "queue": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch, settings):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"
    assert "error" not in response.json()["redis" if settings.REDIS_URL else "cache"]


def test_healthz_is_503_when_the_cache_is_down(client, monkeypatch, settings):
    class BrokenCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("redis is gone")

    monkeypatch.setattr(health, "cache", BrokenCache())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis" if settings.REDIS_URL else "cache"] == "error: ConnectionError"


def test_healthz_is_503_when_the_queue_broker_is_down(client, monkeypatch):
    class BrokenBroker:
        def ping(self):
            raise ConnectionError("broker unreachable")

    monkeypatch.setattr(health, "get_broker", lambda: BrokenBroker())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["queue"] == "error: ConnectionError"


def test_background_jobs_run_in_process_under_test():
    from django_q.tasks import async_task, result

    task_id = async_task("math.floor", 2.5, sync=True)
    assert result(task_id) == 2


def test_healthz_is_503_json_when_the_database_is_unreachable(client, monkeypatch):
    """Every connection attempt fails, as with the database server stopped: the answer is
    still the JSON report, not the HTML 500 page of a failed request transaction."""
    from django.db import connection

    def unreachable():
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    client.raise_request_exception = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error: OperationalError"
