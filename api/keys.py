"""API keys: made (the whole key shown once), checked on each request, revoked.

Why SHA-256 and not the site's password hasher: see ``models.py``.
"""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exceptions import KeyRefused
from .models import ApiKey

KEY_FORMAT = re.compile(r"^aula_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
# ``last_used_at`` is written at most this often per key, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def _digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(name, scopes, expires_at=None, created_by=None):
    """A new key: ``(ApiKey, the whole key)``. The whole key is never stored: show it now."""
    while True:
        prefix = secrets.token_hex(6)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name,
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=created_by,
    )
    return key, f"aula_{prefix}_{secret}"


def authenticate(raw):
    """The active key that ``raw`` is, else ``KeyRefused`` saying why."""
    match = KEY_FORMAT.match(raw or "")
    if match is None:
        raise KeyRefused(_("The API key is malformed: expected “aula_” followed by the key shown when it was created."))
    prefix, secret = match.groups()
    key = ApiKey.objects.filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _digest(secret)):
        raise KeyRefused(_("The API key is not valid."))
    if key.is_revoked:
        raise KeyRefused(_("The API key was revoked."))
    if key.is_expired:
        raise KeyRefused(_("The API key has expired."))
    note_use(key)
    return key


def note_use(key):
    """Record when the key was last used, writing at most once a minute per key."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def revoke(key):
    """Revoke ``key`` at once (every later request with it is refused). Idempotent."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=key.revoked_at)
    return key
