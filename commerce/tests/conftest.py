import pytest
import responses as responses_lib

from accounts.models import User
from core.tests.built_once import built_once, shared_or_new
from courses.models import CoursePage
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


def _build_shop():
    course_a = factories.paid_course("Data course", "49.00")
    course_b = factories.paid_course("Design course", "30.00")
    buyer = factories.buyer(display_name="Bea Buyer")
    return {"course_a": course_a.pk, "course_b": course_b.pk, "buyer": buyer.pk}


@pytest.fixture(scope="module")
def shop_built_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The two paid courses and the buyer built once for a module's tests (each test in a
    savepoint: core/tests/built_once.py), for a module that says
    ``pytestmark = pytest.mark.usefixtures("shop_built_once")`` and has no transactional
    test. Elsewhere ``course_a``, ``course_b`` and ``buyer`` are made for each test."""
    yield from built_once(django_db_blocker, tmp_path_factory, _build_shop)


def _shared_or_new(request, name, model, make):
    return shared_or_new(request, "shop_built_once", name, model, make)


@pytest.fixture
def course_a(request, db):
    return _shared_or_new(request, "course_a", CoursePage, lambda: factories.paid_course("Data course", "49.00"))


@pytest.fixture
def course_b(request, db):
    return _shared_or_new(request, "course_b", CoursePage, lambda: factories.paid_course("Design course", "30.00"))


@pytest.fixture
def free_course(db):
    return publish(build_course(title="Free course", slug="free-course", price=0))


@pytest.fixture
def bundle(course_a, course_b):
    return factories.program("Data and design", [course_a, course_b], "60.00")


@pytest.fixture
def buyer(request, db):
    return _shared_or_new(request, "buyer", User, lambda: factories.buyer(display_name="Bea Buyer"))


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client
