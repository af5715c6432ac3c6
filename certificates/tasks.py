"""Background jobs (django-q2): render a certificate's PDF (and tell its holder it is
ready), render again the certificates of a template that changed, e-mail revocations.

A job may run more than once (the queue hands it out again when its worker died before
finishing, see the settings): rendering again is harmless, and each holder is told once
(``notifications``: a notification's key, and its e-mail claimed in the transaction that
sends it). Tests run them in-process (``Q_CLUSTER["sync"]`` in
settings/test.py)."""

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

    async_task("certificates.tasks.send_revocation_email", certificate_id, group="certificates")


def send_revocation_email(certificate_id):
    from .notifications import send_revoked_email

    return send_revoked_email(certificate_id)  # told once per certificate (the notification's key)


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
        _notify_once(certificate.pk)
    return certificate.pdf.name


def _notify_once(certificate_id):
    """E-mail the holder that the certificate is ready, unless they were: the e-mail is sent
    in the transaction that records it (``notified_at``), so a run cut short before the commit
    leaves it to the next run, and a second run waits for the first's record and finds it."""
    from .notifications import send_ready_email

    with transaction.atomic():
        claimed = Certificate.objects.filter(pk=certificate_id, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if claimed:
            send_ready_email(certificate_id)


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
