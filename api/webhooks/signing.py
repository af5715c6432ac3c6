"""The ``Aula-Signature`` header, like Stripe's scheme::

    Aula-Signature: t=1796654400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

``t`` is the time of the attempt (Unix seconds); each ``v1`` is the hex HMAC-SHA256, keyed
with the endpoint's secret (its UTF-8 bytes, ``whsec_`` included), of ``f"{t}."`` followed
by the exact bytes of the body. While a rotated secret is still honoured, a second ``v1``
signs with the previous one. Receivers check one of them and that ``t`` is recent
(docs/developers/webhooks.md has the snippet, tested as written).
"""

import hashlib
import hmac
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Endpoint, new_secret

HEADER = "Aula-Signature"
#: How long the previous secret keeps signing beside a new one after a rotation.
PREVIOUS_SECRET_KEPT = timedelta(hours=24)


def signature(secret, timestamp, body):
    """The hex HMAC-SHA256 of ``f"{timestamp}."`` + ``body`` (bytes) with ``secret``."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def header(endpoint, timestamp, body, now=None):
    """The ``Aula-Signature`` value for ``body`` sent at ``timestamp`` to ``endpoint``."""
    now = now or timezone.now()
    parts = [f"t={timestamp}", f"v1={signature(endpoint.secret, timestamp, body)}"]
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
        parts.append(f"v1={signature(endpoint.previous_secret, timestamp, body)}")
    return ",".join(parts)


def rotate_secret(endpoint):
    """Give ``endpoint`` a new secret; the one it had still signs (a second ``v1``) for
    ``PREVIOUS_SECRET_KEPT``, so its receiver can switch without missing a delivery."""
    with transaction.atomic():
        locked = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        locked.previous_secret, locked.secret = locked.secret, new_secret()
        locked.previous_secret_until = timezone.now() + PREVIOUS_SECRET_KEPT
        locked.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return locked
