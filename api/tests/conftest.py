import pytest
from rest_framework.test import APIClient

from api import keys
from api.models import Scope
from courses.tests.conftest import catalog, free_course, paid_course, student, teacher  # noqa: F401


@pytest.fixture
def make_key(db):
    """``make_key(*scopes, **fields)`` → (ApiKey, the whole key)."""

    def make(*scopes, **fields):
        return keys.create_key(fields.pop("name", "Test integration"), scopes or list(Scope.values), **fields)

    return make


@pytest.fixture
def api(make_key):
    """A client sending a key with every scope."""
    _key, whole = make_key()
    return client_with(whole)


def client_with(whole_key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {whole_key}")
    return client
