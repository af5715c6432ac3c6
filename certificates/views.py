"""Certificate pages: the holder's page and PDF, the public verification page and form, and
the signed credential with the issuer's public keys."""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caching.private_responses import mark_private, private_response
from caching.registry import renew_rows
from courses.file_serving import serve_private_file

from . import credentials
from .codes import normalize
from .issuer import issuer_name
from .models import Certificate
from .permissions import may_open
from .tasks import ensure_pdf
from .verification import Limited, look_up, public_facts

logger = logging.getLogger(__name__)
LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def _certificate_or_404(user, code):
    normalized = normalize(code)
    certificate = Certificate.objects.select_related("user").filter(code=normalized).first() if normalized else None
    if certificate is None or not may_open(user, certificate):
        raise Http404  # a holder's page never tells a stranger that a code exists
    return certificate


def linkedin_url(certificate):
    """LinkedIn's documented add-to-profile link, filled in (nothing is sent to LinkedIn
    until the holder follows it)."""
    issued = certificate.issued_at
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.title,
        "organizationName": issuer_name(),
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": certificate.verification_url(),
        "certId": certificate.display_code,
    }
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params)}"


@login_required
@private_response
@require_GET
def certificate_detail(request, code):
    certificate = _certificate_or_404(request.user, code)
    context = {
        "certificate": certificate,
        "facts": public_facts(certificate),
        "is_holder": certificate.user_id == request.user.pk,
        "linkedin_url": linkedin_url(certificate),
        "credential_url": credentials.credential_url(certificate, "jwt"),
    }
    return render(request, "certificates/certificate.html", context)


@login_required
@require_GET
def certificate_pdf(request, code):
    certificate = _certificate_or_404(request.user, code)
    if certificate.is_revoked:
        response = render(request, "certificates/revoked.html", {"certificate": certificate}, status=410)
        return mark_private(response)
    try:
        pdf = ensure_pdf(certificate)
    except LookupError:  # no live design at all: an administrator must publish one
        logger.error("Certificate %s: no live certificate template to render it with", certificate.display_code)
        return mark_private(render(request, "certificates/unavailable.html", {"certificate": certificate}, status=503))
    filename = f"certificate-{certificate.display_code}.pdf"
    disposition = "inline" if request.GET.get("inline") else "attachment"
    return serve_private_file(
        request, pdf, "application/pdf", filename, disposition=f'{disposition}; filename="{filename}"'
    )


@login_required
@require_POST
def certificate_grade_visibility(request, code):
    certificate = _certificate_or_404(request.user, code)
    if certificate.user_id != request.user.pk:
        raise Http404
    show = request.POST.get("show_grade") == "1"
    Certificate.objects.filter(pk=certificate.pk).update(show_grade=show)
    renew_rows(Certificate, [certificate])  # a queryset update: no save signal
    messages.success(
        request,
        _("Your grade is now shown on your certificate and its verification page.")
        if show
        else _("Your grade is no longer shown."),
    )
    return redirect(certificate.get_absolute_url())


@private_response
@require_GET
def verify_form(request):
    typed = request.GET.get("code", "")
    if typed:
        code = normalize(typed)
        if code:
            return redirect("certificates:verify", code=Certificate(code=code).display_code)
        return _not_found(request, typed, _("This is not a certificate code: codes have 16 letters and digits."))
    return render(request, "certificates/verify_form.html", {})


def _not_found(request, typed, message):
    return render(request, "certificates/not_found.html", {"typed": typed[:64], "message": message}, status=404)


def _limited(request):
    return render(request, "certificates/limited.html", {}, status=429)


@private_response  # a revocation shows at once: no cache keeps this page
@require_GET
def verify(request, code):
    try:
        certificate = look_up(request, code)
    except Limited:
        return _limited(request)
    if certificate is None:
        return _not_found(request, code, _("No certificate has this code. Check it for typing mistakes."))
    if normalize(code) and code != certificate.display_code:
        return redirect("certificates:verify", code=certificate.display_code)
    return render(request, "certificates/verify.html", {"facts": public_facts(certificate)})


@require_GET
def credential(request, code, format):
    if format not in ("json", "jwt"):
        raise Http404
    try:
        certificate = look_up(request, code)
    except Limited:
        return HttpResponse(status=429)
    if certificate is None:
        return JsonResponse({"error": "unknown certificate"}, status=404)
    if certificate.is_revoked:
        return JsonResponse({"error": "revoked", "revokedAt": certificate.revoked_at.isoformat()}, status=410)
    if format == "json":
        return JsonResponse(credentials.credential(certificate), json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(credentials.signed_credential(certificate), content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.display_code}.jwt"'
    return response


@require_GET
def keys(request):
    """The issuer's public keys (a JSON Web Key Set): the only thing needed to check a
    credential's signature."""
    response = JsonResponse(credentials.jwks())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
