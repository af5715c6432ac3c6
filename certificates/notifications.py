"""E-mails to holders (sent by django-q2 workers), in the certificate's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Certificate


def _send(certificate_id, template_prefix):
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or not certificate.user.email:
        return False
    with translation.override(certificate.language or settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "certificate_url": settings.SITE_URL + certificate.get_absolute_url(),
            "verification_url": certificate.verification_url(),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string(f"certificates/email/{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"certificates/email/{template_prefix}_body.txt", context)
    send_mail(subject, body, None, [certificate.user.email])
    return True


def send_ready_email(certificate_id):
    return _send(certificate_id, "ready")


def send_revoked_email(certificate_id):
    return _send(certificate_id, "revoked")
