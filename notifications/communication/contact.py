"""The contact form: on when site settings say so; a message is stored (status new → seen
→ answered, in the admin) and the site's contact address is told.

Spam is refused without any third-party script: a field hidden from people that bots fill
(the honeypot), a minimum time between showing the form and sending it (the moment it was
shown travels signed in the form, so it cannot be forged), and a limit per client address
(allauth's rate limiter, ``ACCOUNT_RATE_LIMITS["contact_form"]``). A bot is answered as a
person would be, and nothing is stored or sent.
"""

import time

from allauth.core import ratelimit
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.translation import get_language

from ..models import ContactMessage
from . import telling

DEFAULT_MIN_SECONDS = 3
MAX_AGE = 24 * 3600  # a form left open longer is shown again
SALT = "notifications.contact.started"


def is_enabled(request):
    from home.models import SiteSettings

    return SiteSettings.for_request(request).contact_form_enabled


def min_seconds():
    return getattr(settings, "AULA_CONTACT_MIN_SECONDS", DEFAULT_MIN_SECONDS)


def started_token(now=None):
    """The signed moment the form is shown (a hidden field)."""
    return signing.dumps(now if now is not None else time.time(), salt=SALT)


class Verdict:
    SENT = "sent"
    BOT = "bot"  # refused quietly: answered as if sent
    EXPIRED = "expired"  # the form is too old (or its moment unreadable): shown again
    LIMITED = "limited"  # too many messages from this address


def looks_automated(data, now=None):
    """True when the honeypot is filled or the form came back faster than a person types."""
    if (data.get("website") or "").strip():
        return True
    started = _started(data.get("started"))
    now = now if now is not None else time.time()
    return started is not None and now - started < min_seconds()


def _started(token):
    try:
        return float(signing.loads(token or "", salt=SALT, max_age=MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def receive(request, cleaned):
    """Store a checked form's message and tell the contact address; a ``Verdict``."""
    if looks_automated(cleaned):
        return Verdict.BOT
    if _started(cleaned.get("started")) is None:
        return Verdict.EXPIRED
    if not ratelimit.consume(request, action="contact_form"):
        return Verdict.LIMITED
    message = ContactMessage.objects.create(
        name=" ".join(cleaned["name"].replace("\x00", "").split()),
        email=cleaned["email"],
        subject=" ".join(cleaned["subject"].replace("\x00", "").split()),
        body=cleaned["body"].replace("\x00", "").strip(),
        language=get_language() or "",
    )
    address = _contact_address(request)
    if address:
        transaction.on_commit(lambda: telling.contact_received(message, address))
    return Verdict.SENT


def _contact_address(request):
    from home.models import SiteSettings

    return SiteSettings.for_request(request).contact_email
