"""Certificates' verification data: the public verification page's facts
(``certificates.verification.public_facts``), never the holder's e-mail."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from certificates.codes import normalize
from certificates.models import Certificate
from certificates.verification import public_facts, verification_url


def facts(certificate):
    return {**public_facts(certificate), "verification_url": verification_url(certificate)}


def certificate(typed_code):
    code = normalize(typed_code)
    found = Certificate.objects.filter(code=code).first() if code else None
    if found is None:
        raise NotFound(_("No certificate has this code."))
    return facts(found)


def certificates_of(learner):
    return [facts(found) for found in Certificate.objects.filter(user=learner).order_by("-issued_at", "pk")]
