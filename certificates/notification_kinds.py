"""What the certificates app tells people (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register

register(
    Kind(
        "certificates.ready",
        label=_("Your certificate is ready"),
        description=_("When a course you completed gives you a certificate."),
        recipients=_("the holder of the certificate"),
        channels={SITE, EMAIL},
    )
)
register(
    Kind(
        "certificates.revoked",
        label=_("Your certificate was revoked"),
        description=_("When one of your certificates is revoked (a refund, a mistake), with the reason."),
        recipients=_("the holder of the certificate"),
        channels={SITE, EMAIL},
    )
)
