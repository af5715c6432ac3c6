"""E-mails to holders (sent by django-q2 workers), in the learner's language: the language
of e-mails they chose in their profile, else the language of the certificate (the one they
took the course in)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Certificate


def _send(certificate_id, template_prefix):
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or not certificate.user.email:
        return False
    with translation.override(language_of(certificate)):
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


def language_of(certificate):
    chosen = certificate.user.language
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return certificate.language or settings.LANGUAGE_CODE


def send_ready_email(certificate_id):
    return _send(certificate_id, "ready")


def send_revoked_email(certificate_id):
    return _send(certificate_id, "revoked")
