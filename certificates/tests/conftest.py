import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from courses.tests.conftest import *  # noqa: F403 (the courses' fixtures, for these tests too)

from .factories import complete_course


@pytest.fixture(autouse=True)
def _signing_key(settings, tmp_path):
    """Each test signs with a fresh key of its own (never the developer's key file)."""
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.AULA_CERTIFICATE_SIGNING_KEY = key.decode()
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def completed(student, free_course, django_capture_on_commit_callbacks):  # noqa: F811
    """The student completed the free course: its certificate was issued and rendered."""
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(student, free_course)
    return student
