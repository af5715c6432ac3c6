"""What certificates holds about a learner (``accounts.personal_data``): their
certificates, with the PDFs in the export's zip.

At deletion the holder chooses (``DeletionChoices.keep_certificates``):

* keep them verifiable: each certificate stays as issued — the holder's name as it was
  printed (``holder_name``, on the certificate record only), course, date — so its
  verification page and QR code keep answering; the account behind it is anonymised;
* revoke them: each is revoked ("the holder deleted their account"), its holder's name
  removed and its PDF deleted; the verification page says it is revoked."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.personal_data import PersonalData, records, register
from caching.registry import renew_rows

from .models import Certificate


def export(user):
    return {
        "certificates": records(
            Certificate.objects.filter(user=user),
            "code",
            "kind",
            "course_key",
            "title",
            "holder_name",
            "language",
            "hours",
            "grade",
            "completed_at",
            "issued_at",
            "revoked_at",
            "revocation_reason",
        )
    }


def files(user):
    for certificate in Certificate.objects.filter(user=user, revoked_at__isnull=True).exclude(pdf=""):
        yield f"files/certificates/{certificate.code}.pdf", certificate.pdf


def erase(user, choices):
    if choices.keep_certificates:
        return
    certificates = list(Certificate.objects.filter(user=user))
    for certificate in certificates:
        if certificate.pdf:
            certificate.pdf.delete(save=False)
    Certificate.objects.filter(user=user).update(holder_name=_("deleted user"), pdf="", pdf_signature="")
    Certificate.objects.filter(Q(user=user) & Q(revoked_at__isnull=True)).update(
        revoked_at=timezone.now(), revoked_by=None, revocation_reason=_("The holder deleted their account.")
    )
    renew_rows(Certificate, certificates)  # a queryset update: no save signal


register(
    PersonalData(
        "certificates",
        covers=["certificates.Certificate.user"],
        keeps={
            "certificates.Certificate.issued_by": gettext_lazy("who issued a certificate by hand: a staff record"),
            "certificates.Certificate.revoked_by": gettext_lazy("who revoked a certificate: a staff record"),
        },
        export=export,
        files=files,
        erase=erase,
    )
)
