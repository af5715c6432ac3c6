"""What the course's completion page shows of its certificate: whether the PDF is ready
(rendered by the background job), the public verification link to copy, and LinkedIn's
add-to-profile link. Shown to the holder only (the completion page is private)."""

from .issuing import certificate_for


def completion_panel_context(user, course):
    """None when the student has no certificate for the course (an audit, a revoked one)."""
    from .views import linkedin_url

    certificate = certificate_for(user, course.translation_key)
    if certificate is None or certificate.is_revoked:
        return None
    return {
        "certificate": certificate,
        "pdf_ready": bool(certificate.pdf),
        "verification_url": certificate.verification_url(),
        "linkedin_url": linkedin_url(certificate),
    }
