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


def test_every_cache_treats_a_lost_redis_as_a_miss():
    """Wagtail reads its site root paths from the default cache on every page, and the
    sessions fall back to the database: a lost Redis is a miss, never an exception. (The
    rate limits fail closed: test_redis_stopped.py.)"""
    from .conftest import production_settings

    values = production_settings(REDIS_URL="redis://127.0.0.1:1/0")
    on_redis = {name for name, cache in values["CACHES"].items() if "redis" in cache["BACKEND"].lower()}
    ignoring = {name for name in on_redis if values["CACHES"][name]["OPTIONS"].get("IGNORE_EXCEPTIONS")}
    assert {"default", "sessions", "pages"} <= on_redis
    assert ignoring == on_redis
    assert not values.get("DJANGO_REDIS_IGNORE_EXCEPTIONS")
