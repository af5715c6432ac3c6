"""Who issues certificates: the organisation named on them and in their credentials."""

from django.conf import settings
from wagtail.models import Site


def default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def issuer_name():
    from .models import CertificateSettings

    site = default_site()
    if site is not None:
        name = CertificateSettings.for_site(site).issuer_name.strip()
        if name:
            return name
        if site.site_name:
            return site.site_name
    return settings.WAGTAIL_SITE_NAME
