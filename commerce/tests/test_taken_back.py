"""A payment that goes back — refunded by staff, refunded or disputed at Stripe or PayPal —
takes back what it bought: the enrollment ends (``end_enrollment``) and its certificate is
revoked with the reason (issue 21, item 9). Each webhook is idempotent."""

import json

import pytest
import responses
from django.core import mail
from django.urls import reverse

from certificates.models import Certificate
from certificates.tests.factories import complete_course
from commerce.models import Order, PaymentEvent, Refund
from courses.learning.enrollment import Source
from courses.models import Enrollment, ResourcePage

from .helpers import check_out, dev_pay
from .stripe_fakes import API, deliver, event, session

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")

PAYPAL = "https://api-m.sandbox.paypal.com"
PAYPAL_HEADERS = {
    "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    "PAYPAL-CERT-URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1",
    "PAYPAL-TRANSMISSION-ID": "tx-1",
    "PAYPAL-TRANSMISSION-SIG": "c2lnbmF0dXJl",
    "PAYPAL-TRANSMISSION-TIME": "2026-12-01T12:00:00Z",
}


def charge(refunded=True, amount_refunded=4900, payment_intent="pi_test_1"):
    return {
        "id": "ch_1", "object": "charge", "amount": 4900, "amount_refunded": amount_refunded, "currency": "usd",
        "payment_intent": payment_intent, "refunded": refunded, "status": "succeeded",
    }  # fmt: skip


DISPUTE = {"id": "dp_1", "object": "dispute", "amount": 4900, "charge": "ch_1", "currency": "usd",
           "payment_intent": "pi_test_1", "reason": "fraudulent", "status": "needs_response"}  # fmt: skip


def certificate_of(user, course):
    return Certificate.objects.get(user=user, course_key=course.translation_key)


def can_open_paid_resource(client, course):
    resource = ResourcePage.objects.descendant_of(course).filter(free_preview=False).first()
    return client.get(resource.url).status_code == 200


@pytest.fixture
def certified(buyer_client, buyer, course_a):
    """Bought by card (the Stripe webhook), completed, certified."""
    _response, order = check_out(buyer_client, course_a)
    deliver(buyer_client, event("checkout.session.completed", session(order), "evt_paid"))
    complete_course(buyer, course_a, Source.PURCHASE)
    assert not certificate_of(buyer, course_a).is_revoked
    order.refresh_from_db()
    return order


def test_a_refund_by_staff_revokes_the_certificate(client, admin_user, buyer_client, buyer, course_a, certified,
                                                    no_network, django_capture_on_commit_callbacks):  # fmt: skip
    no_network.add(responses.POST, f"{API}/refunds", json={"id": "re_1", "object": "refund", "status": "succeeded"})
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orders:refund", args=[certified.pk]))
    certificate = certificate_of(buyer, course_a)
    assert certificate.is_revoked and certificate.revocation_reason == "The payment for this course was refunded."
    assert certificate.revoked_by is None
    assert any(certificate.revocation_reason in message.body for message in mail.outbox)  # the holder is told
    verify = client.get(reverse("certificates:verify", args=[certificate.display_code])).content.decode()
    assert "revoked" in verify.lower()
    # Stripe's own word of that refund, arriving afterwards, changes nothing.
    assert deliver(buyer_client, event("charge.refunded", charge(), "evt_refund")).status_code == 200
    assert Refund.objects.get().reason == Refund.Reason.STAFF


def test_a_refund_made_at_stripe_ends_the_enrollment_and_revokes_the_certificate(
    client, admin_user, buyer_client, buyer, course_a, certified, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(buyer_client, event("charge.refunded", charge(), "evt_refund")).status_code == 200
    certified.refresh_from_db()
    assert certified.status == Order.Status.REFUNDED and certified.refunded_at
    assert not Enrollment.objects.filter(user=buyer).exists()
    assert not can_open_paid_resource(buyer_client, course_a)
    certificate = certificate_of(buyer, course_a)
    assert certificate.is_revoked and certificate.revocation_reason == "The payment for this course was refunded."
    assert any("refunded" in message.body for message in mail.outbox)
    text = buyer_client.get(reverse("commerce:order", args=[certified.pk])).content.decode()
    assert "Your payment ($49.00) was refunded." in text
    client.force_login(admin_user)
    listing = client.get(reverse("refunds:index")).content.decode()
    assert certified.number in listing and "Refunded at the payment provider" in listing


def test_a_refund_event_processed_twice_changes_nothing(buyer_client, buyer, course_a, certified):
    payload = event("charge.refunded", charge(), "evt_refund")
    deliver(buyer_client, payload)
    revoked_at = certificate_of(buyer, course_a).revoked_at
    refunded_at = Order.objects.get(pk=certified.pk).refunded_at
    complete_course(buyer, course_a, Source.ADMIN)  # back in by staff meanwhile
    for sent in (payload, event("charge.refunded", charge(), "evt_refund_again")):
        assert deliver(buyer_client, sent).status_code == 200
    assert Enrollment.objects.get(user=buyer).source == Source.ADMIN
    assert certificate_of(buyer, course_a).revoked_at == revoked_at
    assert Order.objects.get(pk=certified.pk).refunded_at == refunded_at
    assert Refund.objects.count() == 1 and PaymentEvent.objects.filter(event_type="charge.refunded").count() == 2


def test_a_partial_refund_at_stripe_changes_nothing(buyer_client, buyer, course_a, certified):
    deliver(buyer_client, event("charge.refunded", charge(refunded=False, amount_refunded=1000), "evt_partial"))
    assert Order.objects.get(pk=certified.pk).is_paid
    assert Enrollment.objects.filter(user=buyer).exists() and not certificate_of(buyer, course_a).is_revoked


def test_a_refund_at_stripe_of_another_payment_changes_nothing(buyer_client, buyer, course_a, certified):
    """A second payment Aula refunded itself: Stripe's word of it leaves the order alone."""
    deliver(buyer_client, event("charge.refunded", charge(payment_intent="pi_second"), "evt_other"))
    assert Order.objects.get(pk=certified.pk).is_paid
    assert not certificate_of(buyer, course_a).is_revoked


def test_a_dispute_at_stripe_ends_the_enrollment_and_revokes_the_certificate(buyer_client, buyer, course_a, certified):
    payload = event("charge.dispute.created", DISPUTE, "evt_dispute")
    assert deliver(buyer_client, payload).status_code == 200
    certified.refresh_from_db()
    assert certified.status == Order.Status.DISPUTED
    assert not Enrollment.objects.filter(user=buyer).exists()
    certificate = certificate_of(buyer, course_a)
    assert certificate.is_revoked and certificate.revocation_reason == "The payment for this course was disputed."
    text = buyer_client.get(reverse("commerce:order", args=[certified.pk])).content.decode()
    assert "This payment is disputed" in text
    assert deliver(buyer_client, payload).status_code == 200  # a replay changes nothing
    assert certificate_of(buyer, course_a).revoked_at == certificate.revoked_at


def paypal_refund_event(event_type, value="49.00", event_id="WH-REFUND-1"):
    resource = {
        "id": "REFUND-1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": value},
        "seller_payable_breakdown": {"total_refunded_amount": {"currency_code": "USD", "value": value}},
        "links": [
            {"href": f"{PAYPAL}/v2/payments/refunds/REFUND-1", "rel": "self", "method": "GET"},
            {"href": f"{PAYPAL}/v2/payments/captures/CAPTURE-1", "rel": "up", "method": "GET"},
        ],
    }  # fmt: skip
    return {"id": event_id, "event_type": event_type, "resource_type": "refund", "resource": resource}


@pytest.fixture
def paypal_certified(buyer_client, buyer, course_a, no_network):
    """Bought with PayPal (captured on the return page), completed, certified."""
    no_network.add(responses.POST, f"{PAYPAL}/v1/oauth2/token", json={"access_token": "A21", "expires_in": 32400})
    no_network.add(responses.POST, f"{PAYPAL}/v1/notifications/verify-webhook-signature",
                   json={"verification_status": "SUCCESS"})  # fmt: skip
    _response, order = check_out(buyer_client, course_a)
    approve = {"id": "PP-1", "links": [{"href": "https://www.sandbox.paypal.com/checkoutnow?token=PP-1",
                                        "rel": "payer-action"}]}  # fmt: skip
    no_network.add(responses.POST, f"{PAYPAL}/v2/checkout/orders", json=approve, status=201)
    buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "paypal"})
    capture = {"id": "CAPTURE-1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "49.00"}}
    captured = {"id": "PP-1", "status": "COMPLETED", "purchase_units": [{"payments": {"captures": [capture]}}]}
    no_network.add(responses.POST, f"{PAYPAL}/v2/checkout/orders/PP-1/capture", json=captured, status=201)
    buyer_client.get(reverse("commerce:paypal_return", args=[order.pk]) + "?token=PP-1")
    order.refresh_from_db()
    assert order.is_paid and order.payment_reference == "CAPTURE-1"
    complete_course(buyer, course_a, Source.PURCHASE)
    return order


def paypal_deliver(client, payload):
    return client.post("/webhooks/paypal/", data=json.dumps(payload), content_type="application/json",
                       headers=PAYPAL_HEADERS)  # fmt: skip


@pytest.mark.parametrize(
    "event_type,status,reason",
    [
        ("PAYMENT.CAPTURE.REFUNDED", Order.Status.REFUNDED, "The payment for this course was refunded."),
        ("PAYMENT.CAPTURE.REVERSED", Order.Status.DISPUTED, "The payment for this course was disputed."),
    ],
)
def test_a_refund_or_reversal_at_paypal_ends_the_enrollment_and_revokes_the_certificate(
    buyer_client, buyer, course_a, paypal_certified, event_type, status, reason
):
    payload = paypal_refund_event(event_type)
    assert paypal_deliver(buyer_client, payload).status_code == 200
    assert Order.objects.get(pk=paypal_certified.pk).status == status
    assert not Enrollment.objects.filter(user=buyer).exists()
    certificate = certificate_of(buyer, course_a)
    assert certificate.is_revoked and certificate.revocation_reason == reason
    assert paypal_deliver(buyer_client, payload).status_code == 200  # a replay changes nothing
    assert certificate_of(buyer, course_a).revoked_at == certificate.revoked_at


def test_a_partial_refund_at_paypal_changes_nothing(buyer_client, buyer, course_a, paypal_certified):
    assert paypal_deliver(buyer_client, paypal_refund_event("PAYMENT.CAPTURE.REFUNDED", "10.00")).status_code == 200
    assert Order.objects.get(pk=paypal_certified.pk).is_paid
    assert not certificate_of(buyer, course_a).is_revoked


def test_a_refunded_program_revokes_its_courses_and_its_own_certificate(
    client, admin_user, buyer_client, buyer, bundle, course_a, course_b
):
    _response, order = check_out(buyer_client, bundle)
    dev_pay(buyer_client, order)
    complete_course(buyer, course_a, Source.PROGRAM)
    complete_course(buyer, course_b, Source.PROGRAM)
    program_certificate = Certificate.objects.get(user=buyer, course_key=bundle.translation_key)
    client.force_login(admin_user)
    client.post(reverse("orders:refund", args=[order.pk]))
    assert Certificate.objects.filter(user=buyer, revoked_at__isnull=True).count() == 0
    program_certificate.refresh_from_db()
    assert program_certificate.revocation_reason == "The payment for a course of this program was refunded."


def test_a_student_removed_by_staff_keeps_the_certificate_they_earned(client, admin_user, buyer, free_course):
    from courses.learning.enrollment import EndReason, end_enrollment

    complete_course(buyer, free_course)
    end_enrollment(Enrollment.objects.get(user=buyer), EndReason.ADMIN)
    assert not certificate_of(buyer, free_course).is_revoked
