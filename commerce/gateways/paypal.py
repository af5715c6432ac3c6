"""PayPal (Orders v2, ``paypal-server-sdk``). Filled in by step 5."""

from django.conf import settings


def is_configured():
    return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET and settings.PAYPAL_WEBHOOK_ID)
