import pytest
import responses as responses_lib

from courses.tests.factories import build_course, publish

from . import factories


@pytest.fixture(autouse=True)
def _commerce_settings(settings):
    settings.AULA_CURRENCY = "USD"
    settings.AULA_DEV_PAYMENTS = True
    settings.SITE_URL = "http://testserver"
    settings.STRIPE_SECRET_KEY = "sk_test_aula"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_aula_test"
    settings.PAYPAL_CLIENT_ID = "paypal-client"
    settings.PAYPAL_CLIENT_SECRET = "paypal-secret"
    settings.PAYPAL_WEBHOOK_ID = "WH-AULA"


@pytest.fixture
def no_network():
    """Every HTTP call must be one a test expects (responses raises on any other)."""
    with responses_lib.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def course_a(db):
    return factories.paid_course("Data course", "49.00")


@pytest.fixture
def course_b(db):
    return factories.paid_course("Design course", "30.00")


@pytest.fixture
def free_course(db):
    return publish(build_course(title="Free course", slug="free-course", price=0))


@pytest.fixture
def bundle(course_a, course_b):
    return factories.program("Data and design", [course_a, course_b], "60.00")


@pytest.fixture
def buyer(db):
    return factories.buyer(display_name="Bea Buyer")


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client
