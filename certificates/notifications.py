"""Telling holders about their certificates (through ``notifications``, whose job e-mails
them), in their language: the language of e-mails they chose in their profile, else the one
they signed up in, else the language of the certificate (the one they took the course in)."""

from notifications.language import written_for
from notifications.sending import notify

from .models import Certificate


def _tell(certificate_id, what):
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None:
        return False
    with written_for(certificate.user, certificate.language):
        path = certificate.get_absolute_url()
    context = {"certificate": certificate, "verification_url": certificate.verification_url()}
    notified = notify(
        certificate.user,
        f"certificates.{what}",
        context=context,
        url=path,
        language=certificate.language,
        target=certificate,
        key=f"certificates.{what}:{certificate.pk}",
    )
    return notified is not None


def send_ready_email(certificate_id):
    return _tell(certificate_id, "ready")


def send_revoked_email(certificate_id):
    return _tell(certificate_id, "revoked")
