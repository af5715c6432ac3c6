"""Stripe Checkout: a Checkout Session created on the server with the order id in its
metadata; the ``checkout.session.completed`` and ``checkout.session.async_payment_succeeded``
webhooks (signature verified on the raw body) and the return page both confirm through
``fulfilment.confirm_payment``. Amounts and currency are checked against the order there.
A full refund made in Stripe's dashboard (``charge.refunded``) and a dispute
(``charge.dispute.created``) take back what the order gave (``refunds.settle_at_provider``).

Settings: ``STRIPE_SECRET_KEY`` (``sk_test_…`` in test mode), ``STRIPE_WEBHOOK_SECRET``
(``whsec_…``)."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import fulfilment
from ..exceptions import PaymentError
from ..models import Order, PaymentEvent
from ..money import from_minor_units, to_minor_units
from .events import UnreadableEvent, check_event_fields, load_event

logger = logging.getLogger(__name__)

# The stripe library is imported inside the functions that call Stripe: a web worker needs
# it only for a payment, a refund or a webhook (lms_site/tests/test_web_worker_imports.py).

PAID_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
TAKEN_BACK_EVENTS = {"charge.refunded", "charge.dispute.created"}
# An event that closes a pending order: its status, and the reason its buyer reads.
FAILED_EVENTS = {
    "checkout.session.async_payment_failed": (Order.Status.FAILED, gettext_lazy("The payment did not go through.")),
    "checkout.session.expired": (Order.Status.CANCELED, gettext_lazy("The card payment page expired unpaid.")),
}


class BadWebhook(Exception):
    """Not a genuine Stripe delivery (bad signature or body): answered with 400."""


def is_configured():
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def client():
    import stripe

    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, max_network_retries=0)


def _absolute(path):
    return settings.SITE_URL + path


def start(order, request):
    import stripe

    lines = [
        {
            "quantity": 1,
            "price_data": {
                "currency": order.currency.lower(),
                "unit_amount": to_minor_units(line.amount, order.currency),
                "product_data": {"name": line.title},
            },
        }
        for line in order.lines.all()
        if line.amount
    ]
    params = {
        "mode": "payment",
        "line_items": lines,
        "client_reference_id": str(order.pk),
        "metadata": {"order_id": str(order.pk)},
        "payment_intent_data": {"metadata": {"order_id": str(order.pk)}},
        "customer_email": order.user.email,
        "locale": "auto",
        "success_url": _absolute(reverse("commerce:stripe_return", args=[order.pk]))
        + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": _absolute(reverse("commerce:pay", args=[order.pk])),
    }
    try:
        session = client().v1.checkout.sessions.create(params=params)
    except stripe.StripeError as error:
        logger.warning("Stripe refused a Checkout Session for order %s: %s", order.pk, error)
        raise PaymentError(_("The card payment could not be started. Please try again later.")) from error
    previous = order.provider_reference if order.provider == Order.Provider.STRIPE else ""
    Order.objects.filter(pk=order.pk).update(provider=Order.Provider.STRIPE, provider_reference=session.id)
    if previous and previous != session.id:  # the page the buyer left open takes no money now
        transaction.on_commit(lambda: _expire(previous, order.pk))
    return session.url


def abandon(order):
    """Expire the order's Checkout Session, so it can no longer be paid (a newer checkout
    replaced the order)."""
    _expire(order.provider_reference, order.pk)


def _expire(session_id, order_id):
    """Expire a Checkout Session. Stripe refuses when it was completed meanwhile: that
    payment is refunded when it is confirmed (``fulfilment.confirm_payment``)."""
    import stripe

    if not session_id.startswith("cs_"):
        return
    try:
        client().v1.checkout.sessions.expire(session_id)
    except stripe.StripeError as error:
        logger.info("Stripe session %s of order %s not expired: %s", session_id, order_id, error)


def _object(value):
    """``value`` when it is a JSON object, else an empty one (a signed body of an odd shape
    is ignored, never a 500)."""
    return value if isinstance(value, dict) else {}


def _order_id(session):
    order_id = str(_object(session.get("metadata")).get("order_id", ""))
    return int(order_id) if order_id.isdigit() else None


def _confirm_session(session):
    """A paid Checkout Session settles its order (idempotent)."""
    order_id = _order_id(session)
    if order_id is None:
        return None
    if session.get("payment_status") != "paid":
        return None  # an async method (bank debit): wait for async_payment_succeeded
    currency = str(session.get("currency") or "").upper()
    try:
        amount = from_minor_units(session.get("amount_total") or 0, currency or settings.AULA_CURRENCY)
    except (TypeError, ValueError, ArithmeticError):  # not a whole number, or too large for any order
        return None
    outcome = fulfilment.confirm_payment(
        order_id, provider=Order.Provider.STRIPE, amount=amount, currency=currency,
        payment_reference=str(session.get("payment_intent") or ""),
    )  # fmt: skip
    return outcome


def confirm_return(order, session_id):
    """The buyer is back from Stripe: ask Stripe about the session (never trust the URL)."""
    import stripe

    if not session_id.startswith("cs_"):
        return None
    try:
        session = client().v1.checkout.sessions.retrieve(session_id)
    except stripe.StripeError as error:
        logger.warning("Stripe session %s for order %s: %s", session_id, order.pk, error)
        return None
    session = session.to_dict()
    if _order_id(session) != order.pk:
        return None
    return _confirm_session(session)


def handle_webhook(payload, signature):
    """Verify and process one delivery. Each event id is stored once, in the same
    transaction as its effect: a replay (or a simultaneous duplicate) changes nothing."""
    import stripe

    try:
        # Stripe's own check of the raw body (what ``stripe.Webhook.construct_event`` does
        # before parsing it, which it does without asking whether the body is an object).
        stripe.WebhookSignature.verify_header(
            payload, signature or "", settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
        )
        data = load_event(payload)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("type"), str):
            raise UnreadableEvent("not an event")
        check_event_fields(data["id"], data["type"])
    except (ValueError, stripe.SignatureVerificationError) as error:  # UnicodeDecodeError is a ValueError
        raise BadWebhook(str(error)) from error
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = PaymentEvent.objects.create(
                    provider=Order.Provider.STRIPE, event_id=data["id"], event_type=data["type"], payload=data
                )
        except IntegrityError:
            return False  # seen before: a replay changes nothing
        found = _object(_object(data.get("data")).get("object"))
        if data["type"] in PAID_EVENTS:
            outcome = _confirm_session(found)
            record.order = outcome.order if outcome else None
        elif data["type"] in FAILED_EVENTS and _order_id(found) is not None:
            status, reason = FAILED_EVENTS[data["type"]]
            record.order = fulfilment.fail_order(_order_id(found), reason, status)
        elif data["type"] in TAKEN_BACK_EVENTS:
            record.order = _taken_back(data["type"], found)
        if record.order is not None:
            record.save(update_fields=["order"])
    return True


def _taken_back(event_type, found):
    """A charge refunded in full at Stripe, or disputed: the order it paid is settled (a
    partial refund changes nothing)."""
    from ..refunds import settle_at_provider

    payment_intent = found.get("payment_intent")
    if not isinstance(payment_intent, str) or not payment_intent:
        return None
    if event_type == "charge.refunded" and found.get("refunded") is not True:
        return None
    disputed = event_type == "charge.dispute.created"
    order, _ended = settle_at_provider(Order.Provider.STRIPE, payment_intent, disputed=disputed)
    return order


def refund(order, reference=None, amount=None, part=0):
    """Refund the order's payment (or the payment ``reference``, e.g. a second one): what is
    left of it, or ``amount`` of it (a partial refund, ``part`` 1, 2…: its own idempotency key)."""
    import stripe

    reference = reference or order.payment_reference
    if not reference:
        raise PaymentError(_("Stripe has no payment for this order."))
    params = {"payment_intent": reference, "metadata": {"order_id": str(order.pk)}}
    if amount is not None:
        params["amount"] = to_minor_units(amount, order.currency)
    try:
        client().v1.refunds.create(
            params=params, options={"idempotency_key": f"aula-refund-{reference}" + (f"-{part}" if part else "")}
        )
    except stripe.StripeError as error:
        raise PaymentError(
            _("Stripe refused the refund: %(error)s") % {"error": error.user_message or error}
        ) from error
