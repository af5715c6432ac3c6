"""Keys: each bad one is a clear 401 (JSON), a key opens only what its scopes allow, only
a hash is stored, and its last use is recorded at most once a minute."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api import keys
from api.models import ApiKey, Scope

from .conftest import client_with

CATALOG = "/api/v1/courses/"


def refused(response, status, words):
    assert response.status_code == status
    error = response.json()["error"]
    assert words in error["message"]
    return error


def test_a_request_without_a_key_is_refused(db):
    response = APIClient().get(CATALOG)
    refused(response, 401, "API key is needed")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    [
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer aula_",
        "Bearer aula_0123456789ab_short",
        "Bearer not-a-key-at-all-" + "x" * 500,
        "Bearer aula_0123456789ab_" + "a\x00" * 21 + "a",
    ],
)
def test_a_malformed_key_is_refused(db, header):
    response = APIClient().get(CATALOG, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_an_unknown_key_or_a_wrong_secret_is_refused(make_key):
    _key, whole = make_key()
    prefix, secret = whole[: len("aula_") + 12], whole[len("aula_") + 13 :]  # a secret may hold "_"
    wrong = prefix + "_" + ("A" if secret[0] != "A" else "B") + secret[1:]
    refused(client_with(wrong).get(CATALOG), 401, "not valid")
    refused(client_with("aula_000000000000_" + secret).get(CATALOG), 401, "not valid")


def test_a_revoked_key_is_refused(make_key):
    key, whole = make_key()
    assert client_with(whole).get(CATALOG).status_code == 200
    keys.revoke(key)
    refused(client_with(whole).get(CATALOG), 401, "revoked")


def test_an_expired_key_is_refused(make_key):
    _key, whole = make_key(expires_at=timezone.now() - timedelta(seconds=1))
    refused(client_with(whole).get(CATALOG), 401, "expired")


def test_a_key_not_yet_expired_works(make_key):
    _key, whole = make_key(expires_at=timezone.now() + timedelta(days=1))
    assert client_with(whole).get(CATALOG).status_code == 200


def test_only_a_hash_of_the_secret_is_stored(make_key):
    key, whole = make_key()
    secret = whole.rsplit("_", 1)[1]
    row = ApiKey.objects.filter(pk=key.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert whole.startswith(f"aula_{key.prefix}_")


def test_last_use_is_written_at_most_once_a_minute(make_key):
    key, whole = make_key()
    client = client_with(whole)
    client.get(CATALOG)
    first = ApiKey.objects.get(pk=key.pk).last_used_at
    assert first is not None
    client.get(CATALOG)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(CATALOG)
    assert ApiKey.objects.get(pk=key.pk).last_used_at > first


# Each operation and the scope it needs.
OPERATIONS = [
    ("get", "/api/v1/courses/", Scope.CATALOG_READ),
    ("get", "/api/v1/courses/00000000-0000-0000-0000-000000000000/", Scope.CATALOG_READ),
    ("get", "/api/v1/enrollments/", Scope.ENROLLMENTS_READ),
    ("get", "/api/v1/enrollments/1/", Scope.ENROLLMENTS_READ),
    ("post", "/api/v1/enrollments/", Scope.ENROLLMENTS_WRITE),
    ("delete", "/api/v1/enrollments/1/", Scope.ENROLLMENTS_WRITE),
    ("get", "/api/v1/learners/1/progress/", Scope.PROGRESS_READ),
    ("get", "/api/v1/learners/1/certificates/", Scope.CERTIFICATES_READ),
    ("get", "/api/v1/certificates/AAAA-AAAA-AAAA-AAAA/", Scope.CERTIFICATES_READ),
    ("get", "/api/v1/orders/", Scope.ORDERS_READ),
    ("get", "/api/v1/orders/1/", Scope.ORDERS_READ),
]


@pytest.mark.parametrize("method,url,scope", OPERATIONS)
def test_a_key_without_the_scope_is_refused_and_changes_nothing(make_key, method, url, scope):
    from courses.models import Enrollment

    _key, whole = make_key(*[other for other in Scope.values if other != scope])
    response = getattr(client_with(whole), method)(url, {}, format="json")
    error = refused(response, 403, scope)
    assert error["code"] == "permission_denied"
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("method,url,scope", OPERATIONS)
def test_a_key_with_the_scope_is_let_through(make_key, method, url, scope):
    _key, whole = make_key(scope)
    response = getattr(client_with(whole), method)(url, {}, format="json")
    assert response.status_code not in (401, 403, 500)
