"""Settings → Webhooks and Webhook deliveries: superusers only; an endpoint's page with its
secret, the test event and the rotation; a delivery's log and its replay."""

import pytest
from django.urls import reverse

from api.webhooks import events
from api.webhooks.models import Delivery, Endpoint
from api.webhooks.publishing import deliver_event
from courses.tests.factories import instructor

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answer(500, "receiver is down")
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = deliver_event([endpoint.pk], events.envelope(events.ORDER_PAID, {"order": {"id": 7}}))
    return made


def test_the_settings_menu_offers_webhooks_to_administrators(admin_client, endpoint):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("webhook_endpoints:index") in html and reverse("webhook_deliveries:index") in html
    listing = admin_client.get(reverse("webhook_endpoints:index")).content.decode()
    assert endpoint.url in listing and "Order paid" in listing


def test_an_instructor_in_the_admin_cannot_see_or_use_webhooks(client, endpoint, delivery):
    teacher = instructor()
    client.force_login(teacher)
    assert reverse("webhook_endpoints:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    for url in [
        reverse("webhook_endpoints:index"),
        reverse("webhook_endpoints:add"),
        reverse("webhook_endpoints:inspect", args=[endpoint.pk]),
        reverse("webhook_deliveries:index"),
        reverse("webhook_deliveries:inspect", args=[delivery.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert endpoint.secret not in response.content.decode()
    for url in [
        reverse("webhook_endpoints:rotate_secret", args=[endpoint.pk]),
        reverse("webhook_endpoints:send_test_event", args=[endpoint.pk]),
        reverse("webhook_deliveries:replay", args=[delivery.pk]),
    ]:
        response = client.post(url)
        assert response.status_code == 403, url
        assert "Only administrators manage webhooks." in response.content.decode()
    assert Endpoint.objects.get().secret == endpoint.secret and delivery.attempts.count() == 1


def test_the_endpoints_page_shows_its_secret_actions_and_deliveries(admin_client, endpoint, delivery):
    html = admin_client.get(reverse("webhook_endpoints:inspect", args=[endpoint.pk])).content.decode()
    assert endpoint.secret in html
    assert reverse("webhook_endpoints:send_test_event", args=[endpoint.pk]) in html
    assert reverse("webhook_endpoints:rotate_secret", args=[endpoint.pk]) in html
    assert reverse("webhook_deliveries:inspect", args=[delivery.pk]) in html and "order.paid" in html


def test_rotating_the_secret_from_the_admin_keeps_the_previous_one_for_a_day(admin_client, endpoint):
    old = endpoint.secret
    response = admin_client.post(reverse("webhook_endpoints:rotate_secret", args=[endpoint.pk]), follow=True)
    endpoint.refresh_from_db()
    html = response.content.decode()
    assert endpoint.secret != old and endpoint.previous_secret == old
    assert endpoint.secret in html and "The previous secret also signs deliveries until" in html
    assert "A new signing secret was made." in html


def test_editing_an_endpoint_to_a_private_address_is_refused_and_changes_nothing(
    admin_client, endpoint, production_urls
):
    data = {"url": "https://127.0.0.1/steal", "events": [events.ORDER_PAID], "description": "x", "active": "on"}
    response = admin_client.post(reverse("webhook_endpoints:edit", args=[endpoint.pk]), data)
    assert response.status_code == 200
    assert "is a private, local or reserved address" in response.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.url.startswith("http://127.0.0.1:") and endpoint.events == list(events.TYPES)


def test_a_test_event_is_refused_for_an_inactive_endpoint(admin_client, endpoint, receiver):
    Endpoint.objects.filter(pk=endpoint.pk).update(active=False)
    response = admin_client.post(reverse("webhook_endpoints:send_test_event", args=[endpoint.pk]), follow=True)
    assert "This endpoint is inactive" in response.content.decode()
    assert not Delivery.objects.exists() and receiver.received == []


def test_a_deliverys_page_logs_each_attempt_and_replays_it(admin_client, delivery, receiver, each_request_commits):
    url = reverse("webhook_deliveries:inspect", args=[delivery.pk])
    html = admin_client.get(url).content.decode()
    assert "receiver is down" in html and "500" in html and "Pending" in html
    assert "&quot;order.paid&quot;" in html or '"order.paid"' in html  # the payload as sent
    assert reverse("webhook_deliveries:replay", args=[delivery.pk]) in html

    response = admin_client.post(reverse("webhook_deliveries:replay", args=[delivery.pk]), follow=True)
    html = response.content.decode()
    assert "A new attempt, freshly signed, is on its way" in html
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt_count == 2
    assert "(replay)" in html and "Succeeded" in html
    assert len(receiver.received) == 2 and receiver.received[1].verified


def test_a_replay_to_an_inactive_endpoint_is_refused_with_a_message(admin_client, endpoint, delivery, receiver):
    Endpoint.objects.filter(pk=endpoint.pk).update(active=False)
    response = admin_client.post(reverse("webhook_deliveries:replay", args=[delivery.pk]), follow=True)
    assert response.status_code == 200 and "make it active before replaying" in response.content.decode()
    assert delivery.attempts.count() == 1 and len(receiver.received) == 1


def test_deliveries_cannot_be_added_or_edited_by_hand(admin_client, delivery):
    assert admin_client.get(reverse("webhook_deliveries:add")).status_code in (302, 403)
    assert admin_client.get(reverse("webhook_deliveries:edit", args=[delivery.pk])).status_code in (302, 403)


def test_the_delivery_log_filters_by_endpoint_and_status(admin_client, endpoint, delivery, receiver):
    other = Endpoint.objects.create(url=receiver.url("/other"), events=[events.ORDER_PAID])
    Delivery.objects.create(endpoint=other, event_id="3f0c8e8e-6a43-4a4e-9a43-6f3a9f7d5e21",
                            event_type=events.COURSE_COMPLETED, payload={})  # fmt: skip
    html = admin_client.get(reverse("webhook_deliveries:index"), {"endpoint": endpoint.pk}).content.decode()
    assert "order.paid" in html and "course.completed" not in html
    html = admin_client.get(reverse("webhook_deliveries:index"), {"status": "pending"}).content.decode()
    assert "order.paid" in html


def test_replaying_a_missing_delivery_is_not_found_not_a_500(admin_client):
    # A 404 under /admin/ is redirected to the language-prefixed address, which is not found either.
    response = admin_client.post(reverse("webhook_deliveries:replay", args=[999]))
    assert response.status_code in (302, 404)
    assert not Delivery.objects.exists()
