"""Sessions outlive Redis: they are kept in the database, Redis holding only a copy."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-pass-2026"


def test_signing_in_and_staying_signed_in_work_with_the_session_cache_unreachable(
    client, user_factory, session_cache_unreachable
):
    user = user_factory(email="sam@example.com", password=PASSWORD, display_name="Sam")
    client.raise_request_exception = False
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/en/dashboard/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == user.pk


def test_only_the_sessions_cache_ignores_redis_errors():
    """The page, shared and personal caches and the rate-limit counters raise when Redis is
    away (what they do then is theirs to decide); a session falls back to the database."""
    from .conftest import production_settings

    values = production_settings(REDIS_URL="redis://127.0.0.1:1/0")
    ignoring = {name for name, cache in values["CACHES"].items() if cache["OPTIONS"].get("IGNORE_EXCEPTIONS")}
    assert ignoring == {values["SESSION_CACHE_ALIAS"]}
    assert not values.get("DJANGO_REDIS_IGNORE_EXCEPTIONS")
