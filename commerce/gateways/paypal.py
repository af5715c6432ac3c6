"""PayPal Checkout through PayPal's current official SDK, ``paypal-server-sdk`` (Orders v2).

The order is created on the server (amount, currency, our order id as ``custom_id``); the
buyer approves it on PayPal and comes back; the server captures it with a request id (a
retried capture is not a second payment) and accepts only a COMPLETED capture whose amount
and currency match the order (``fulfilment.confirm_payment``, idempotent). The
``PAYMENT.CAPTURE.COMPLETED`` webhook settles an order whose buyer never came back; each
delivery is verified through PayPal's verification endpoint and stored once. A capture
refunded in full in PayPal (``PAYMENT.CAPTURE.REFUNDED``) or reversed
(``PAYMENT.CAPTURE.REVERSED``, a chargeback) takes back what the order gave
(``refunds.settle_at_provider``).

Settings: ``PAYPAL_CLIENT_ID``, ``PAYPAL_CLIENT_SECRET``, ``PAYPAL_WEBHOOK_ID``,
``PAYPAL_SANDBOX`` (true: the sandbox)."""

import json
import logging

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import fulfilment
from ..exceptions import PaymentError
from ..models import Order, PaymentEvent
from ..money import parse_amount, quantize
from .events import UnreadableEvent, check_event_fields, load_event

logger = logging.getLogger(__name__)

# PayPal's SDK is imported inside the functions that call PayPal: with apimatic_core it
# takes ~4 MiB a web worker does not need until a payment, a refund or a webhook.

# A capture refunded in PayPal (its dashboard, or the refund Aula asked for) or reversed (a
# chargeback): what the order gave is taken back.
TAKEN_BACK_EVENTS = {"PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED"}

API_BASE = {True: "https://api-m.sandbox.paypal.com", False: "https://api-m.paypal.com"}
VERIFY_HEADERS = {
    "auth_algo": "PAYPAL-AUTH-ALGO",
    "cert_url": "PAYPAL-CERT-URL",
    "transmission_id": "PAYPAL-TRANSMISSION-ID",
    "transmission_sig": "PAYPAL-TRANSMISSION-SIG",
    "transmission_time": "PAYPAL-TRANSMISSION-TIME",
}


class BadWebhook(Exception):
    """Not a delivery PayPal vouches for: answered with 400."""


def is_configured():
    return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET and settings.PAYPAL_WEBHOOK_ID)


def client():
    from paypalserversdk.configuration import Environment
    from paypalserversdk.http.auth.o_auth_2 import ClientCredentialsAuthCredentials
    from paypalserversdk.paypal_serversdk_client import PaypalServersdkClient

    return PaypalServersdkClient(
        client_credentials_auth_credentials=ClientCredentialsAuthCredentials(
            settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET
        ),
        environment=Environment.SANDBOX if settings.PAYPAL_SANDBOX else Environment.PRODUCTION,
        timeout=20,
    )


def _as_dict(model):
    from paypalserversdk.api_helper import APIHelper

    return json.loads(APIHelper.json_serialize(model)) if model is not None else {}


def _value(order):
    """The order's total as PayPal writes it: "49.00", or "4900" in a currency without cents."""
    return f"{quantize(order.total, order.currency)}"


def start(order, request):
    from paypalserversdk.exceptions.api_exception import ApiException
    from paypalserversdk.models.amount_with_breakdown import AmountWithBreakdown
    from paypalserversdk.models.checkout_payment_intent import CheckoutPaymentIntent
    from paypalserversdk.models.order_request import OrderRequest
    from paypalserversdk.models.payment_source import PaymentSource
    from paypalserversdk.models.paypal_wallet import PaypalWallet
    from paypalserversdk.models.paypal_wallet_experience_context import PaypalWalletExperienceContext
    from paypalserversdk.models.purchase_unit_request import PurchaseUnitRequest

    body = OrderRequest(
        intent=CheckoutPaymentIntent.CAPTURE,
        purchase_units=[
            PurchaseUnitRequest(
                amount=AmountWithBreakdown(currency_code=order.currency, value=_value(order)),
                reference_id=str(order.pk), custom_id=str(order.pk), invoice_id=f"aula-{order.number}",
                description=", ".join(line.title for line in order.lines.all())[:127],
            )
        ],
        payment_source=PaymentSource(
            paypal=PaypalWallet(
                experience_context=PaypalWalletExperienceContext(
                    return_url=settings.SITE_URL + reverse("commerce:paypal_return", args=[order.pk]),
                    cancel_url=settings.SITE_URL + reverse("commerce:pay", args=[order.pk]),
                    user_action="PAY_NOW", shipping_preference="NO_SHIPPING",
                )
            )
        ),
    )  # fmt: skip
    try:
        created = _as_dict(
            client().orders.create_order({"body": body, "paypal_request_id": f"aula-order-{order.pk}"}).body
        )
    except (ApiException, requests.RequestException) as error:
        logger.warning("PayPal refused to create an order for %s: %s", order.pk, error)
        raise PaymentError(_("The PayPal payment could not be started. Please try again later.")) from error
    links = {link.get("rel"): link.get("href") for link in created.get("links", [])}
    approve = links.get("payer-action") or links.get("approve")
    if not created.get("id") or not approve:
        raise PaymentError(_("The PayPal payment could not be started. Please try again later."))
    Order.objects.filter(pk=order.pk).update(provider=Order.Provider.PAYPAL, provider_reference=created["id"])
    return approve


def _completed_capture(paypal_order):
    """The COMPLETED capture of a captured PayPal order, or None."""
    if paypal_order.get("status") != "COMPLETED":
        return None
    for unit in paypal_order.get("purchase_units", []):
        for capture in (unit.get("payments") or {}).get("captures", []):
            if capture.get("status") == "COMPLETED":
                return capture
    return None


def _settle(order_id, capture):
    amount = capture.get("amount") if isinstance(capture.get("amount"), dict) else {}
    currency = str(amount.get("currency_code", "")).upper()
    value = parse_amount(amount.get("value"), currency or settings.AULA_CURRENCY)
    outcome = fulfilment.confirm_payment(
        order_id, provider=Order.Provider.PAYPAL, amount=value, currency=currency,
        payment_reference=str(capture.get("id", "")),
    )  # fmt: skip
    return outcome


def capture(order, paypal_order_id):
    """The buyer approved on PayPal: capture on the server (idempotent by request id)."""
    from paypalserversdk.exceptions.api_exception import ApiException

    if not paypal_order_id or paypal_order_id != order.provider_reference:
        raise PaymentError(_("This PayPal payment is not the one of this order."))
    try:
        captured = _as_dict(
            client()
            .orders.capture_order(
                {
                    "id": paypal_order_id,
                    "paypal_request_id": f"aula-capture-{order.pk}",
                    "prefer": "return=representation",
                }
            )
            .body
        )
    except (ApiException, requests.RequestException) as error:
        logger.warning("PayPal capture of order %s failed: %s", order.pk, error)
        raise PaymentError(_("PayPal did not accept the payment. Nothing was charged; you may try again.")) from error
    found = _completed_capture(captured)
    if found is None:
        return None  # pending at PayPal: the webhook will settle it
    return _settle(order.pk, found)


def verify_webhook(headers, event):
    """Ask PayPal whether this delivery is genuine (its verification endpoint)."""
    from paypalserversdk.exceptions.api_exception import ApiException

    fields = {name: headers.get(header, "") for name, header in VERIFY_HEADERS.items()}
    if not all(fields.values()):
        return False
    try:
        token = client().auth_managers["Oauth2"].fetch_token()
        response = requests.post(
            API_BASE[bool(settings.PAYPAL_SANDBOX)] + "/v1/notifications/verify-webhook-signature",
            json={**fields, "webhook_id": settings.PAYPAL_WEBHOOK_ID, "webhook_event": event},
            headers={"Authorization": f"Bearer {token.access_token}"},
            timeout=20,
        )
        return response.ok and response.json().get("verification_status") == "SUCCESS"
    except (ApiException, requests.RequestException, ValueError, AttributeError) as error:
        logger.warning("PayPal webhook verification failed: %s", error)
        return False


def handle_webhook(body, headers):
    try:
        event = load_event(body)
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise UnreadableEvent("not an event")
        check_event_fields(event["id"], str(event.get("event_type") or ""))
    except UnreadableEvent as error:
        raise BadWebhook(str(error)) from error
    if not verify_webhook(headers, event):
        raise BadWebhook("not verified")
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = PaymentEvent.objects.create(
                    provider=Order.Provider.PAYPAL, event_id=event["id"], event_type=str(event["event_type"]),
                    payload=event,
                )  # fmt: skip
        except IntegrityError:
            return False  # a replay changes nothing
        resource = event.get("resource") if isinstance(event.get("resource"), dict) else {}
        order_id = str(resource.get("custom_id", ""))
        if event["event_type"] in TAKEN_BACK_EVENTS:
            record.order = _taken_back(event["event_type"], resource)
        elif not order_id.isdigit():
            return True
        elif event["event_type"] == "PAYMENT.CAPTURE.COMPLETED" and resource.get("status") == "COMPLETED":
            outcome = _settle(int(order_id), resource)
            record.order = outcome.order if outcome else None
        elif event["event_type"] == "PAYMENT.CAPTURE.DENIED":
            record.order = fulfilment.fail_order(int(order_id), _("PayPal denied the payment."))
        if record.order is not None:
            record.save(update_fields=["order"])
    return True


def _refunded_capture(resource):
    """The capture a PayPal refund (or reversal) resource gives back: its ``up`` link."""
    links = resource.get("links")
    for link in links if isinstance(links, list) else []:
        href = str(link.get("href", "")) if isinstance(link, dict) else ""
        if "/v2/payments/captures/" in href and link.get("rel") == "up":
            return href.rstrip("/").rsplit("/", 1)[-1]
    return ""


def _taken_back(event_type, resource):
    """A capture refunded in PayPal (in full: a partial refund changes nothing) or reversed
    (a chargeback): the order it paid is settled (``refunds.settle_at_provider``)."""
    from ..refunds import settle_at_provider

    capture_id = _refunded_capture(resource)
    if event_type == "PAYMENT.CAPTURE.REVERSED":
        order, _ended = settle_at_provider(Order.Provider.PAYPAL, capture_id, disputed=True)
        return order
    breakdown = resource.get("seller_payable_breakdown")
    total = breakdown.get("total_refunded_amount") if isinstance(breakdown, dict) else None
    amount = total if isinstance(total, dict) else resource.get("amount")
    amount = amount if isinstance(amount, dict) else {}
    currency = str(amount.get("currency_code", "")).upper() or settings.AULA_CURRENCY
    refunded = parse_amount(amount.get("value"), currency)
    if refunded is None:
        return None
    order, _ended = settle_at_provider(Order.Provider.PAYPAL, capture_id, refunded_amount=refunded)
    return order


def refund(order, reference=None, amount=None, part=0):
    """Refund the order's capture (or the capture ``reference``, e.g. a second one): what is
    left of it, or ``amount`` of it (a partial refund, ``part`` 1, 2…: its own request id)."""
    from paypalserversdk.exceptions.api_exception import ApiException
    from paypalserversdk.models.money import Money
    from paypalserversdk.models.refund_request import RefundRequest

    reference = reference or order.payment_reference
    if not reference:
        raise PaymentError(_("PayPal has no payment for this order."))
    body = RefundRequest() if amount is None else RefundRequest(amount=Money(order.currency, str(amount)))
    request_id = f"aula-refund-{reference}" + (f"-{part}" if part else "")
    try:
        client().payments.refund_captured_payment(
            {"capture_id": reference, "paypal_request_id": request_id, "body": body}
        )
    except (ApiException, requests.RequestException) as error:
        raise PaymentError(_("PayPal refused the refund: %(error)s") % {"error": error}) from error
