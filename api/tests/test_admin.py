"""Settings → API keys: administrators make a key (its whole value shown once), change and
revoke it; nobody else reaches it."""

import pytest

from api.models import ApiKey

from .conftest import client_with


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(user_factory(email="admin@example.com", is_superuser=True, is_staff=True))
    return client


def test_a_new_key_is_shown_once_and_stored_hashed(admin_client):
    response = admin_client.post(
        "/admin/api-keys/new/", {"name": "HR system", "scopes": ["catalog:read", "enrollments:write"]}
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    assert key.scopes == ["catalog:read", "enrollments:write"]
    page = response.content.decode()
    start = page.index(f"aula_{key.prefix}_")
    whole = page[start : start + len(f"aula_{key.prefix}_") + 43]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert client_with(whole).get("/api/v1/courses/").status_code == 200
    # Never again: the listing and the edit form show the prefix only.
    for url in ("/admin/api-keys/", f"/admin/api-keys/edit/{key.pk}/"):
        shown = admin_client.get(url).content.decode()
        assert key.prefix in shown and whole not in shown


def test_a_key_needs_a_scope_and_a_future_expiry(admin_client):
    response = admin_client.post("/admin/api-keys/new/", {"name": "x", "scopes": [], "expires_at": "2001-01-01 10:00"})
    assert response.status_code == 200
    assert not ApiKey.objects.exists()
    form = response.context["form"]
    assert "scopes" in form.errors and "expires_at" in form.errors


def test_a_revoked_key_stops_working(admin_client, make_key):
    key, whole = make_key()
    assert "Revoke" in admin_client.get(f"/admin/api-keys/revoke/{key.pk}/").content.decode()
    response = admin_client.post(f"/admin/api-keys/revoke/{key.pk}/")
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert client_with(whole).get("/api/v1/courses/").status_code == 401


def test_only_administrators_reach_api_keys(client, make_key):
    from courses.tests.factories import instructor

    key, _whole = make_key()
    client.force_login(instructor())
    for url in ("/admin/api-keys/", "/admin/api-keys/new/", f"/admin/api-keys/revoke/{key.pk}/"):
        assert client.get(url).status_code in (302, 403)
    assert client.post(f"/admin/api-keys/revoke/{key.pk}/").status_code in (302, 403)
    key.refresh_from_db()
    assert key.revoked_at is None
