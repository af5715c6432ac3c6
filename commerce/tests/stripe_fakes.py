"""Stripe simulated at the HTTP boundary (``responses``), and webhooks signed the way Stripe
signs them (``t=…,v1=HMAC-SHA256(secret, "t.payload")``) with the test secret."""

import hashlib
import hmac
import json
import time

API = "https://api.stripe.com/v1"
SECRET = "whsec_aula_test"


def signature(payload, secret=SECRET, timestamp=None):
    timestamp = int(timestamp or time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def session(order, session_id="cs_test_1", amount=None, currency=None, payment_status="paid"):
    return {
        "id": session_id,
        "object": "checkout.session",
        "url": f"https://checkout.stripe.com/c/pay/{session_id}",
        "amount_total": int(order.total * 100) if amount is None else amount,
        "currency": (currency or order.currency).lower(),
        "metadata": {"order_id": str(order.pk)},
        "client_reference_id": str(order.pk),
        "payment_status": payment_status,
        "payment_intent": "pi_test_1",
        "status": "complete",
    }


def event(event_type, obj, event_id="evt_test_1"):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "type": event_type,
            "data": {"object": obj},
            "livemode": False,
            "created": int(time.time()),
        }
    )


def deliver(client, payload, sig=None):
    return client.post(
        "/webhooks/stripe/", data=payload, content_type="application/json",
        headers={"Stripe-Signature": signature(payload) if sig is None else sig},
    )  # fmt: skip
