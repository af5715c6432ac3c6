"""``/healthz`` through production's middleware stack, with the database or Redis gone: a
503 JSON report naming what is down, never the HTML 500 page."""

import pytest
from django.db import connection
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_unreachable(monkeypatch):
    """Every use of the database fails as it does with its server stopped."""

    def refused():
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refused)


def test_healthz_is_503_json_naming_the_database_with_the_production_middleware(
    client, production_stack, database_unreachable
):
    client.raise_request_exception = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error: OperationalError"


def test_healthz_is_503_json_naming_redis_with_the_production_middleware(client, redis_unreachable):
    client.raise_request_exception = False
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    report = response.json()
    assert report["status"] == "error"
    assert report["redis"].startswith("error: ")
    assert report["database"] == "ok"
