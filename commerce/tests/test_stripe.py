import json
import re
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
import responses
from django.core import mail
from django.urls import reverse

from commerce.models import Order, PaymentEvent
from courses.learning.enrollment import Source
from courses.models import Enrollment

from . import factories
from .helpers import check_out
from .stripe_fakes import API, deliver, event, session, signature

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")


@pytest.fixture
def order(buyer_client, course_a):
    _response, order = check_out(buyer_client, course_a)
    return order


def start_stripe(client, order, no_network):
    no_network.add(responses.POST, f"{API}/checkout/sessions", json=session(order))
    return client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "stripe"})


def enrolled(order):
    return Enrollment.objects.filter(user=order.user, source=Source.PURCHASE).exists()


def test_checkout_creates_a_session_on_the_server_with_the_order_id(buyer_client, order, no_network):
    response = start_stripe(buyer_client, order, no_network)
    assert response.status_code == 302
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_1"
    sent = parse_qs(no_network.calls[0].request.body)
    assert sent["metadata[order_id]"] == [str(order.pk)]
    assert sent["line_items[0][price_data][unit_amount]"] == ["4900"]
    assert sent["line_items[0][price_data][currency]"] == ["usd"]
    assert sent["mode"] == ["payment"]
    assert no_network.calls[0].request.headers["Authorization"] == "Bearer sk_test_aula"
    order.refresh_from_db()
    assert order.provider == Order.Provider.STRIPE and order.provider_reference == "cs_test_1"


def test_stripe_refusing_the_session_is_a_message_not_a_500(buyer_client, order, no_network):
    no_network.add(responses.POST, f"{API}/checkout/sessions", status=500, json={"error": {"message": "down"}})
    response = buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "stripe"}, follow=True)
    assert "The card payment could not be started" in response.content.decode()


def test_create_pay_webhook_access(buyer_client, order, course_a, no_network, django_capture_on_commit_callbacks):
    start_stripe(buyer_client, order, no_network)
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(buyer_client, event("checkout.session.completed", session(order)))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.payment_reference == "pi_test_1"
    assert enrolled(order)
    assert len(mail.outbox) == 1
    from courses.models import ResourcePage

    paid_resource = ResourcePage.objects.descendant_of(course_a).filter(free_preview=False).first()
    assert buyer_client.get(paid_resource.url).status_code == 200


def test_the_async_payment_succeeded_event_also_fulfils(client, order):
    response = deliver(client, event("checkout.session.async_payment_succeeded", session(order)))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.is_paid


def test_a_completed_session_not_yet_paid_waits(client, order):
    deliver(client, event("checkout.session.completed", session(order, payment_status="unpaid")))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_bad_signature_is_400_and_changes_nothing(client, order):
    payload = event("checkout.session.completed", session(order))
    for sig in ("", "t=1,v1=deadbeef", signature(payload, secret="whsec_other"), signature(payload, timestamp=1)):
        response = deliver(client, payload, sig=sig)
        assert response.status_code == 400
    assert deliver(client, "not json", sig=signature("not json")).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and not PaymentEvent.objects.exists()


def test_a_tampered_body_with_an_old_signature_is_refused(client, order):
    genuine = event("checkout.session.completed", session(order, amount=1))
    forged = genuine.replace('"amount_total": 1', '"amount_total": 4900')
    assert deliver(client, forged, sig=signature(genuine)).status_code == 400


def test_an_unknown_event_type_is_200_and_ignored(client, order):
    response = deliver(client, event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_replayed_event_changes_nothing(client, order, django_capture_on_commit_callbacks):
    payload = event("checkout.session.completed", session(order))
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, payload).status_code == 200
        assert deliver(client, payload).status_code == 200
    assert PaymentEvent.objects.count() == 1
    assert Enrollment.objects.filter(user=order.user).count() == 1
    assert len(mail.outbox) == 1


def test_another_event_for_a_paid_order_changes_nothing(client, order):
    deliver(client, event("checkout.session.completed", session(order)))
    order.refresh_from_db()
    paid_at = order.paid_at
    deliver(client, event("checkout.session.completed", session(order), event_id="evt_test_2"))
    order.refresh_from_db()
    assert order.paid_at == paid_at and PaymentEvent.objects.count() == 2


@pytest.mark.parametrize("amount,currency", [(100, "usd"), (4900, "eur"), (490000, "usd")])
def test_a_wrong_amount_or_currency_fails_the_order_and_refunds(client, order, amount, currency, no_network,
                                                                 django_capture_on_commit_callbacks):  # fmt: skip
    no_network.add(responses.POST, f"{API}/refunds", json={"id": "re_1", "object": "refund", "status": "succeeded"})
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, event("checkout.session.completed", session(order, amount=amount, currency=currency)))
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED
    assert not enrolled(order)
    assert parse_qs(no_network.calls[0].request.body)["payment_intent"] == ["pi_test_1"]


def test_an_event_for_an_unknown_order_is_200_and_ignored(client, order):
    stranger = {**session(order), "metadata": {"order_id": "999999"}}
    assert deliver(client, event("checkout.session.completed", stranger)).status_code == 200
    odd = {**session(order), "metadata": {"order_id": "<script>"}}
    assert deliver(client, event("checkout.session.completed", odd, event_id="evt_2")).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_an_expired_session_cancels_the_pending_order(client, buyer_client, order):
    deliver(client, event("checkout.session.expired", session(order, payment_status="unpaid")))
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELED
    text = buyer_client.get(reverse("commerce:order", args=[order.pk])).content.decode()
    assert "The card payment page expired unpaid." in text and "checkout.session" not in text


def test_the_return_page_confirms_through_the_same_function(buyer_client, order, no_network):
    no_network.add(responses.GET, f"{API}/checkout/sessions/cs_test_1", json=session(order))
    response = buyer_client.get(
        reverse("commerce:stripe_return", args=[order.pk]) + "?session_id=cs_test_1", follow=True
    )
    order.refresh_from_db()
    assert order.is_paid and enrolled(order)
    assert "Payment received" in response.content.decode()
    # The webhook arriving afterwards changes nothing.
    deliver(buyer_client, event("checkout.session.completed", session(order)))
    assert Enrollment.objects.filter(user=order.user).count() == 1


def test_the_return_page_does_not_trust_a_session_of_another_order(buyer_client, order, no_network):
    other = Order.objects.create(user=factories.buyer(), currency="USD", subtotal=Decimal(1), total=Decimal(1))
    no_network.add(responses.GET, f"{API}/checkout/sessions/cs_other", json=session(other, session_id="cs_other"))
    buyer_client.get(reverse("commerce:stripe_return", args=[order.pk]) + "?session_id=cs_other")
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_the_return_page_while_stripe_is_still_processing(buyer_client, order, no_network):
    no_network.add(responses.GET, f"{API}/checkout/sessions/cs_test_1", json=session(order, payment_status="unpaid"))
    response = buyer_client.get(
        reverse("commerce:stripe_return", args=[order.pk]) + "?session_id=cs_test_1", follow=True
    )
    assert "Your payment is being processed" in response.content.decode()


def test_the_webhook_is_outside_the_language_prefix_and_post_only(client, db):
    assert client.get("/webhooks/stripe/").status_code == 405
    assert client.post("/en/webhooks/stripe/").status_code == 404


def test_payload_is_stored_once_per_event_id(client, order):
    deliver(client, event("checkout.session.completed", session(order)))
    stored = PaymentEvent.objects.get()
    assert stored.provider == "stripe" and stored.event_id == "evt_test_1" and stored.order == order
    assert json.dumps(stored.payload)


def test_a_second_payment_for_an_order_already_paid_is_refunded(
    buyer_client, order, no_network, django_capture_on_commit_callbacks
):
    """Paid with the development provider in one tab, then by card in another: the card
    payment goes back, nothing else changes."""
    buyer_client.post(reverse("commerce:dev_pay", args=[order.pk]), {"decision": "pay"})
    refund = no_network.add(responses.POST, f"{API}/refunds", json={"id": "re_2", "object": "refund"})
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(buyer_client, event("checkout.session.completed", session(order))).status_code == 200
    assert refund.call_count == 1
    assert parse_qs(no_network.calls[0].request.body)["payment_intent"] == ["pi_test_1"]
    order.refresh_from_db()
    assert order.is_paid and order.provider == Order.Provider.DEV
    assert Enrollment.objects.filter(user=order.user).count() == 1


@pytest.mark.parametrize(
    "query", ["", "?session_id=", "?session_id=%00%ff", "?session_id=cs_%00", "?session_id=cs_" + "x" * 5000]
)
def test_a_return_with_a_missing_or_odd_session_id_is_not_a_500(buyer_client, order, no_network, query):
    unknown = {"error": {"type": "invalid_request_error", "message": "No such checkout.session"}}
    no_network.add(responses.GET, re.compile(f"{API}/checkout/sessions/.*"), status=404, json=unknown)
    response = buyer_client.get(reverse("commerce:stripe_return", args=[order.pk]) + query, follow=True)
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


ODD_BUT_SIGNED = [
    "[]",
    '"text"',
    "null",
    json.dumps({"object": "event", "type": "checkout.session.completed"}),
    json.dumps({"id": ["evt"], "object": "event", "type": "checkout.session.completed"}),
    json.dumps({"id": "evt_a", "object": "event", "type": "checkout.session.completed", "data": []}),
    json.dumps({"id": "evt_b", "object": "event", "type": "checkout.session.completed", "data": {"object": []}}),
    json.dumps({"id": "evt_c", "type": "checkout.session.completed", "data": {"object": {"metadata": ["1"]}}}),
    json.dumps({"id": "evt_d", "type": "checkout.session.expired", "data": {"object": {"metadata": "1"}}}),
]


@pytest.mark.parametrize("payload", ODD_BUT_SIGNED)
def test_a_signed_body_of_an_odd_shape_is_never_a_500(client, order, payload):
    client.raise_request_exception = False
    assert deliver(client, payload).status_code in (200, 400)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def _signed_event(order, **changes):
    """A genuine-looking completed-session event, as text, with ``changes`` spliced in raw."""
    body = event("checkout.session.completed", session(order))
    for old, new in changes.items():
        body = body.replace(old, new)
    return body


UNSTORABLE_BUT_SIGNED = {
    "an amount of 1e400": {'"amount_total": 4900': '"amount_total": 1e400'},
    "Infinity": {'"amount_total": 4900': '"amount_total": Infinity'},
    "NaN": {'"amount_total": 4900': '"amount_total": NaN'},
    "a NUL in a value": {'"status": "complete"': '"status": "comp\\u0000lete"'},
    "a NUL in a key": {'"livemode"': '"live\\u0000mode"'},
    "a NUL in the id": {'"evt_test_1"': '"evt_\\u0000test"'},
    "an id over 255 characters": {'"evt_test_1"': '"evt_' + "x" * 252 + '"'},
    "a type over 100 characters": {'"checkout.session.completed"': '"checkout.session.' + "x" * 90 + '"'},
    "a lone surrogate": {'"status": "complete"': '"status": "\\ud800"'},
    "nesting deeper than Python parses": {'"livemode": false': '"livemode": ' + "[" * 100_000 + "]" * 100_000},
}


@pytest.mark.parametrize("changes", UNSTORABLE_BUT_SIGNED.values(), ids=UNSTORABLE_BUT_SIGNED.keys())
def test_a_signed_body_the_database_cannot_store_is_400_and_changes_nothing(client, order, changes):
    client.raise_request_exception = False
    response = deliver(client, _signed_event(order, **changes))
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and not PaymentEvent.objects.exists()


def test_an_id_of_255_characters_is_still_an_event(client, order):
    assert deliver(client, _signed_event(order, **{'"evt_test_1"': '"evt_' + "x" * 251 + '"'})).status_code == 200
    assert len(PaymentEvent.objects.get().event_id) == 255


def test_an_amount_too_large_for_any_order_fails_nothing_and_is_not_a_500(client, order):
    client.raise_request_exception = False
    response = deliver(client, _signed_event(order, **{'"amount_total": 4900': '"amount_total": ' + "9" * 400}))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


@pytest.mark.parametrize("provider,setting", [("stripe", "STRIPE_SECRET_KEY"), ("paypal", "PAYPAL_CLIENT_ID")])
def test_a_webhook_without_its_provider_keys_answers_404_directly(client, db, settings, provider, setting):
    setattr(settings, setting, "")
    response = client.post(f"/webhooks/{provider}/", data="{}", content_type="application/json")
    assert response.status_code == 404 and "Location" not in response
