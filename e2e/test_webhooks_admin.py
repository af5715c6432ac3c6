"""Settings → Webhooks in a real browser: an administrator registers an endpoint (a private
address refused with a message first, with the production setting), reads its secret, sends
a test event that a real receiver verifies, and replays the delivery; every page passes axe,
works by keyboard and has no sideways scroll at 390 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from api.webhooks.models import Delivery, Endpoint
from api.webhooks.tests.conftest import Receiver
from courses.tests import factories
from e2e.test_admin_accessibility import check, log_in, person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def test_an_administrator_registers_an_endpoint_and_its_test_event_is_verified(page, live_url, receiver, settings):
    admin = person(factories.UserFactory, "head@example.org", is_superuser=True, is_staff=True)
    log_in(page, live_url, admin.email)
    check(page, live_url, reverse("webhook_endpoints:add"), "webhook-add")

    settings.AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = False  # production's refusal first
    page.get_by_role("textbox", name="URL").fill(receiver.url())
    page.get_by_label("Order paid").check()
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text("is a private, local or reserved address (127.0.0.1)")).to_be_visible()
    assert not Endpoint.objects.exists()

    settings.AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = True  # a receiver on this machine, as in development
    page.get_by_role("button", name="Create").click()
    endpoint = Endpoint.objects.get()
    expect(page.get_by_label("Secret")).to_have_value(endpoint.secret)
    receiver.secrets.append(endpoint.secret)
    check(page, live_url, reverse("webhook_endpoints:inspect", args=[endpoint.pk]), "webhook-endpoint")

    page.get_by_role("button", name="Send test event").click()
    expect(page.get_by_text("A test event is on its way")).to_be_visible()
    assert [r.event["type"] for r in receiver.received] == ["ping"] and receiver.received[0].verified
    delivery = Delivery.objects.get()
    check(page, live_url, reverse("webhook_deliveries:index"), "webhook-deliveries")
    check(page, live_url, reverse("webhook_deliveries:inspect", args=[delivery.pk]), "webhook-delivery")

    page.get_by_role("button", name="Replay").click()
    expect(page.get_by_text("A new attempt, freshly signed")).to_be_visible()
    expect(page.get_by_text("(replay)")).to_be_visible()
    assert len(receiver.received) == 2 and receiver.received[1].verified
