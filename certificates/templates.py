"""Which design a certificate uses: the course's template (the same for every language
version of the course), else the site's default, else the first live design; each in its
translation for the certificate's language when there is one."""

from .issuer import default_site
from .models import CertificateSettings, CertificateTemplate


def default_template():
    site = default_site()
    chosen = CertificateSettings.for_site(site).default_template if site is not None else None
    if chosen is not None and chosen.live:
        return chosen
    return CertificateTemplate.objects.filter(live=True).order_by("pk").first()


def localized(template, language):
    """``template``'s live translation in ``language``, else ``template`` itself."""
    if template is None:
        return None
    translation = (
        CertificateTemplate.objects.filter(
            translation_key=template.translation_key, locale__language_code=language, live=True
        )
        .exclude(pk=template.pk)
        .first()
    )
    return translation or template


def _live_or_default(template):
    return template if template is not None and template.live else default_template()


def template_for_course(course, language):
    # Synchronised across translations; read from the course as authored all the same.
    source = course.rules
    template_id = getattr(source, "certificate_template_id", None) or course.certificate_template_id
    chosen = CertificateTemplate.objects.filter(pk=template_id).first() if template_id else None
    return localized(_live_or_default(chosen), language)


def template_for_object(obj, language):
    return localized(_live_or_default(getattr(obj, "certificate_template", None)), language)


def template_for_certificate(certificate):
    """The design a certificate is rendered with now: the one chosen at issue (in its
    current translation for the certificate's language), else the default."""
    return localized(_live_or_default(certificate.template), certificate.language)
