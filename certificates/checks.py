"""Deployment checks (``manage.py check --deploy``): credentials need a real signing key."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_signing_key(app_configs, **kwargs):
    if settings.AULA_CERTIFICATE_SIGNING_KEY.strip():
        try:
            from .credentials import _load

            _load(settings.AULA_CERTIFICATE_SIGNING_KEY.strip())
        except (ValueError, TypeError) as error:
            return [Warning(f"CERTIFICATE_SIGNING_KEY is not a usable Ed25519 key: {error}", id="certificates.W002")]
        return []
    return [
        Warning(
            "Certificate credentials are signed with a key generated on this machine "
            f"({settings.AULA_CERTIFICATE_SIGNING_KEY_FILE}): every machine would sign with a different key.",
            hint="Set CERTIFICATE_SIGNING_KEY (`manage.py certificate_signing_key` prints a new one).",
            id="certificates.W001",
        )
    ]
