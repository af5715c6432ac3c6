import json

import pytest
import responses
from django.urls import reverse

from commerce.models import Order, PaymentEvent
from courses.models import Enrollment

from .helpers import check_out

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")

BASE = "https://api-m.sandbox.paypal.com"
HEADERS = {
    "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    "PAYPAL-CERT-URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1",
    "PAYPAL-TRANSMISSION-ID": "tx-1",
    "PAYPAL-TRANSMISSION-SIG": "c2lnbmF0dXJl",
    "PAYPAL-TRANSMISSION-TIME": "2026-12-01T12:00:00Z",
}


@pytest.fixture
def paypal(no_network):
    no_network.add(
        responses.POST,
        f"{BASE}/v1/oauth2/token",
        json={"access_token": "A21-token", "token_type": "Bearer", "expires_in": 32400},
    )
    return no_network


@pytest.fixture
def order(buyer_client, course_a):
    _response, order = check_out(buyer_client, course_a)
    return order


def created(paypal_id="PP-1"):
    return {
        "id": paypal_id,
        "status": "PAYER_ACTION_REQUIRED",
        "links": [
            {
                "href": f"https://www.sandbox.paypal.com/checkoutnow?token={paypal_id}",
                "rel": "payer-action",
                "method": "GET",
            }
        ],
    }


def captured(order, value=None, currency="USD", status="COMPLETED", paypal_id="PP-1"):
    return {
        "id": paypal_id,
        "status": status,
        "purchase_units": [{
            "reference_id": str(order.pk),
            "payments": {"captures": [{
                "id": "CAPTURE-1", "status": status, "custom_id": str(order.pk),
                "amount": {"currency_code": currency, "value": value or f"{order.total}"},
            }]},
        }],
    }  # fmt: skip


def start(client, order, paypal):
    paypal.add(responses.POST, f"{BASE}/v2/checkout/orders", json=created(), status=201)
    return client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "paypal"})


def come_back(client, order, token="PP-1"):
    return client.get(reverse("commerce:paypal_return", args=[order.pk]) + f"?token={token}&PayerID=PAYER", follow=True)


def test_the_order_is_created_on_the_server(buyer_client, order, paypal):
    response = start(buyer_client, order, paypal)
    assert response["Location"] == "https://www.sandbox.paypal.com/checkoutnow?token=PP-1"
    request = paypal.calls[1].request
    sent = json.loads(request.body)
    assert sent["intent"] == "CAPTURE"
    assert sent["purchase_units"][0]["amount"] == {"currency_code": "USD", "value": "49.00"}
    assert sent["purchase_units"][0]["custom_id"] == str(order.pk)
    assert request.headers["PayPal-Request-Id"] == f"aula-order-{order.pk}"
    assert request.headers["Authorization"] == "Bearer A21-token"
    order.refresh_from_db()
    assert order.provider == Order.Provider.PAYPAL and order.provider_reference == "PP-1"


def test_create_approve_capture_access(buyer_client, order, paypal, course_a):
    start(buyer_client, order, paypal)
    paypal.add(responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order), status=201)
    response = come_back(buyer_client, order)
    assert "Payment received" in response.content.decode()
    capture_request = paypal.calls[-1].request
    assert capture_request.headers["PayPal-Request-Id"] == f"aula-capture-{order.pk}"
    order.refresh_from_db()
    assert order.is_paid and order.payment_reference == "CAPTURE-1"
    assert Enrollment.objects.filter(user=order.user, course_key=course_a.translation_key).exists()


def test_a_capture_of_a_different_amount_is_refused_and_the_order_fails(
    buyer_client, order, paypal, django_capture_on_commit_callbacks
):
    start(buyer_client, order, paypal)
    paypal.add(
        responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order, value="1.00"), status=201
    )
    refund = paypal.add(
        responses.POST,
        f"{BASE}/v2/payments/captures/CAPTURE-1/refund",
        json={"id": "R-1", "status": "COMPLETED"},
        status=201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = come_back(buyer_client, order)
    assert refund.call_count == 1  # the money taken goes back
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED
    assert "The payment did not match the order" in response.content.decode()
    assert not Enrollment.objects.filter(user=order.user).exists()


def test_a_capture_in_another_currency_is_refused(buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    paypal.add(
        responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order, currency="EUR"), status=201
    )
    come_back(buyer_client, order)
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED


def test_a_capture_not_completed_leaves_the_order_pending(buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    paypal.add(
        responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order, status="PENDING"), status=201
    )
    response = come_back(buyer_client, order)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert "being processed" in response.content.decode()


def test_a_declined_capture_is_a_message_not_a_500(buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    paypal.add(
        responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", status=422,
        json={"name": "UNPROCESSABLE_ENTITY", "message": "declined", "details": [{"issue": "INSTRUMENT_DECLINED"}]},
    )  # fmt: skip
    response = come_back(buyer_client, order)
    assert "PayPal did not accept the payment" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_return_with_another_paypal_order_id_is_refused(buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    response = come_back(buyer_client, order, token="PP-OTHER")
    assert "not the one of this order" in response.content.decode()
    assert len(paypal.calls) == 2  # no capture attempted


def test_coming_back_twice_captures_once_and_changes_nothing(buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    paypal.add(responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order), status=201)
    come_back(buyer_client, order)
    calls = len(paypal.calls)
    come_back(buyer_client, order)
    assert len(paypal.calls) == calls
    assert Enrollment.objects.filter(user=order.user).count() == 1


def webhook_event(order, event_id="WH-EVT-1", event_type="PAYMENT.CAPTURE.COMPLETED", value=None):
    capture = captured(order, value=value)["purchase_units"][0]["payments"]["captures"][0]
    return {"id": event_id, "event_type": event_type, "resource_type": "capture", "resource": capture}


def deliver(client, event, headers=HEADERS):
    return client.post("/webhooks/paypal/", data=json.dumps(event), content_type="application/json", headers=headers)


def verified(paypal, status="SUCCESS"):
    paypal.add(
        responses.POST, f"{BASE}/v1/notifications/verify-webhook-signature", json={"verification_status": status}
    )


def test_a_verified_capture_webhook_settles_the_order(client, order, paypal):
    verified(paypal)
    assert deliver(client, webhook_event(order)).status_code == 200
    order.refresh_from_db()
    assert order.is_paid
    sent = json.loads(paypal.calls[-1].request.body)
    assert sent["webhook_id"] == "WH-AULA" and sent["transmission_id"] == "tx-1"
    assert sent["webhook_event"]["id"] == "WH-EVT-1"


def test_a_webhook_paypal_does_not_verify_is_400(client, order, paypal):
    verified(paypal, status="FAILURE")
    assert deliver(client, webhook_event(order)).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and not PaymentEvent.objects.exists()


def test_a_webhook_without_paypal_headers_is_400_without_asking(client, order, paypal):
    assert deliver(client, webhook_event(order), headers={}).status_code == 400
    assert client.post("/webhooks/paypal/", data="{nope", content_type="application/json").status_code == 400
    assert len(paypal.calls) == 0


def test_a_replayed_paypal_event_changes_nothing(client, order, paypal):
    verified(paypal)
    deliver(client, webhook_event(order))
    assert deliver(client, webhook_event(order)).status_code == 200
    assert PaymentEvent.objects.count() == 1
    assert Enrollment.objects.filter(user=order.user).count() == 1


def test_an_unknown_paypal_event_is_200_and_ignored(client, order, paypal):
    verified(paypal)
    assert deliver(client, webhook_event(order, event_type="CUSTOMER.DISPUTE.CREATED")).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_paypal_webhook_with_a_wrong_amount_fails_the_order(client, order, paypal):
    verified(paypal)
    paypal.add(
        responses.POST,
        f"{BASE}/v2/payments/captures/CAPTURE-1/refund",
        json={"id": "R-1", "status": "COMPLETED"},
        status=201,
    )
    deliver(client, webhook_event(order, value="0.01"))
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED


def test_refunding_a_paypal_order_goes_through_paypal(client, admin_user, buyer_client, order, paypal):
    start(buyer_client, order, paypal)
    paypal.add(responses.POST, f"{BASE}/v2/checkout/orders/PP-1/capture", json=captured(order), status=201)
    come_back(buyer_client, order)
    paypal.add(
        responses.POST,
        f"{BASE}/v2/payments/captures/CAPTURE-1/refund",
        json={"id": "R-1", "status": "COMPLETED"},
        status=201,
    )
    client.force_login(admin_user)
    client.post(reverse("orders:refund", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert paypal.calls[-1].request.headers["PayPal-Request-Id"] == "aula-refund-CAPTURE-1"
    assert not Enrollment.objects.filter(user=order.user).exists()


def test_create_approve_webhook_access_when_the_buyer_never_comes_back(buyer_client, order, paypal, course_a):
    """The buyer approves on PayPal and closes the tab: the capture's webhook settles it."""
    from courses.models import ResourcePage

    start(buyer_client, order, paypal)
    verified(paypal)
    assert deliver(buyer_client, webhook_event(order)).status_code == 200
    order.refresh_from_db()
    assert order.is_paid and order.provider == Order.Provider.PAYPAL and order.payment_reference == "CAPTURE-1"
    paid_resource = ResourcePage.objects.descendant_of(course_a).filter(free_preview=False).first()
    assert buyer_client.get(paid_resource.url).status_code == 200
    # Coming back afterwards captures nothing and changes nothing.
    calls = len(paypal.calls)
    assert "Payment received" in come_back(buyer_client, order).content.decode()
    assert len(paypal.calls) == calls


def test_a_capture_webhook_whose_capture_is_not_completed_changes_nothing(client, order, paypal):
    verified(paypal)
    event = webhook_event(order)
    event["resource"]["status"] = "PENDING"
    assert deliver(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_currency_without_cents_is_sent_without_decimals(client, buyer, course_a, settings, paypal):
    settings.AULA_CURRENCY = "JPY"
    client.force_login(buyer)
    _response, order = check_out(client, course_a)
    assert order.currency == "JPY"
    start(client, order, paypal)
    sent = json.loads(paypal.calls[1].request.body)
    assert sent["purchase_units"][0]["amount"] == {"currency_code": "JPY", "value": "49"}


@pytest.mark.parametrize("resource", ["text", ["a"], {"custom_id": "1", "status": "COMPLETED", "amount": "49.00"}])
def test_a_verified_event_of_an_odd_shape_is_never_a_500(client, order, paypal, resource):
    verified(paypal)
    client.raise_request_exception = False
    event = {"id": "WH-ODD", "event_type": "PAYMENT.CAPTURE.COMPLETED", "resource": resource}
    if isinstance(resource, dict):
        resource["custom_id"] = str(order.pk)
    assert deliver(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status in (Order.Status.PENDING, Order.Status.FAILED)
    assert not Enrollment.objects.filter(user=order.user).exists()
