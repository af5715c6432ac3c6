import pytest

from accounts.tests.factories import UserFactory

from .factories import master_class


@pytest.fixture(autouse=True)
def _events_settings(settings):
    settings.AULA_CURRENCY = "USD"
    settings.AULA_DEV_PAYMENTS = True
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def free_class(db):
    return master_class(title="Live: SQL tuning", slug="sql-tuning")


@pytest.fixture
def paid_class(db):
    return master_class(title="Live: Data design", slug="data-design", price="25.00")


@pytest.fixture
def student(db):
    return UserFactory(email="student@example.com", verified=True, display_name="Sam Student")


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client
