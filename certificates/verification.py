"""Public verification: a code → what the certificate attests, rate-limited per client so
codes cannot be enumerated.

Two limits per client address, counted in the shared cache (Redis in production, see
``lms_site/checks.py``): ``AULA_CERTIFICATE_VERIFY_RATE`` look-ups a minute, and
``AULA_CERTIFICATE_VERIFY_MISSES`` look-ups of codes that do not exist an hour.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language

from .codes import display, normalize
from .models import Certificate


def verification_url(certificate):
    """The verification page's address with no language prefix (the visitor's own language
    applies), as printed on the PDF and encoded in its QR code."""
    path = reverse("certificates:verify", args=[display(certificate.code)])
    prefix = f"/{get_language()}/"
    if path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return settings.SITE_URL + path


def _client(request):
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request) or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _over(key, limit, window):
    """Count one more hit on ``key`` in the current ``window`` (seconds); True past ``limit``."""
    bucket = f"certificates:verify:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, window + 5)
    try:
        hits = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window + 5)
        hits = 1
    return hits > limit


def _misses_exceeded(client):
    bucket = f"certificates:verify:{client}:misses:{int(time.time() // 3600)}"
    return (cache.get(bucket) or 0) >= settings.AULA_CERTIFICATE_VERIFY_MISSES


def _count_miss(client):
    _over(f"{client}:misses", settings.AULA_CERTIFICATE_VERIFY_MISSES, 3600)


class Limited(Exception):
    pass


def look_up(request, typed):
    """The certificate with the typed code, or None (no such code). Raises ``Limited``
    when this client made too many look-ups."""
    client = _client(request)
    if _misses_exceeded(client) or _over(client, settings.AULA_CERTIFICATE_VERIFY_RATE, 60):
        raise Limited
    code = normalize(typed)
    certificate = Certificate.objects.select_related("user").filter(code=code).first() if code else None
    if certificate is None:
        _count_miss(client)
    return certificate


def public_facts(certificate):
    """What the verification page shows: nothing personal beyond the holder's name (no
    e-mail; the grade only when the holder chose to show it)."""
    from .issuer import issuer_name

    return {
        "code": display(certificate.code),
        "holder_name": certificate.holder_name,
        "title": certificate.title,
        "kind": certificate.get_kind_display(),
        "issued_at": certificate.issued_at,
        "completed_at": certificate.completed_at,
        "hours": certificate.hours,
        "duration": certificate.duration,
        "issuer": issuer_name(),
        "instructors": certificate.instructor_names,
        "grade": certificate.grade if certificate.show_grade else None,
        "revoked": certificate.is_revoked,
        "revoked_at": certificate.revoked_at,
    }
