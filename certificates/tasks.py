"""Background jobs (django-q2): render a certificate's PDF (and tell its holder it is
ready), render again the certificates of a template that changed, e-mail revocations.

Tests run them in-process (``Q_CLUSTER["sync"]`` in settings/test.py)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from caching.registry import renew_rows

from .models import Certificate, CertificateTemplate
from .rendering import certificate_values, fingerprint, render_pdf
from .templates import template_for_certificate


def queue_render(certificate_id, notify=False):
    from django_q.tasks import async_task

    async_task("certificates.tasks.render_certificate", certificate_id, notify, group="certificates")


def queue_rerender_for_template(template):
    """Every certificate designed by ``template`` or one of its translations."""
    from django_q.tasks import async_task

    async_task("certificates.tasks.rerender_template", str(template.translation_key), group="certificates")


def queue_revocation_email(certificate_id):
    from django_q.tasks import async_task

    async_task("certificates.notifications.send_revoked_email", certificate_id, group="certificates")


def current_fingerprint(certificate):
    """The design the certificate is rendered with now, and what its PDF is made from.
    Raises LookupError when the site has no live design at all."""
    template = template_for_certificate(certificate)
    if template is None:
        raise LookupError("no live certificate template")
    return template, fingerprint(template, certificate_values(certificate))


def render_certificate(certificate_id, notify=False):
    """Render and store the certificate's PDF unless the stored one is current. With
    ``notify``, the holder is e-mailed once it is ready (once per certificate)."""
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or certificate.is_revoked:
        return None
    ensure_pdf(certificate)
    if notify and certificate.notified_at is None:
        claimed = Certificate.objects.filter(pk=certificate.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if claimed:
            from .notifications import send_ready_email

            send_ready_email(certificate.pk)
    return certificate.pdf.name


def ensure_pdf(certificate):
    """The certificate's stored PDF, rendered now when it is missing or out of date (its
    template or facts changed since)."""
    template, signature = current_fingerprint(certificate)
    if (
        certificate.pdf
        and certificate.pdf_signature == signature
        and certificate.pdf.storage.exists(certificate.pdf.name)
    ):
        return certificate.pdf
    data = render_pdf(template, certificate_values(certificate), language=certificate.language)
    old_name = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
    certificate.pdf_signature = signature
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(
            pdf=certificate.pdf.name, pdf_signature=signature, template=template
        )
    renew_rows(Certificate, [certificate])  # a queryset update: no save signal
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    certificate.template = template
    return certificate.pdf


def rerender_template(translation_key):
    ids = Certificate.objects.filter(
        template__in=CertificateTemplate.objects.filter(translation_key=translation_key), revoked_at__isnull=True
    ).values_list("pk", flat=True)
    for certificate_id in ids:
        queue_render(certificate_id)
    return len(ids)
