"""Three designs a fresh site starts with: classic, modern and minimal (landscape), the
first one the site's default."""

import uuid

from django.conf import settings
from django.db import migrations

from ._designs import DESIGNS


def create_designs(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateSettings = apps.get_model("certificates", "CertificateSettings")
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
    if locale is None:
        locale = Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    created = []
    for design in DESIGNS:
        template = CertificateTemplate.objects.filter(name=design["name"], locale=locale).first()
        if template is None:
            template = CertificateTemplate.objects.create(
                translation_key=uuid.uuid4(),
                locale=locale,
                live=True,
                has_unpublished_changes=False,
                heading="Certificate of completion",
                statement="has successfully completed the course",
                **design,
            )
        created.append(template)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and not CertificateSettings.objects.filter(site=site).exists():
        CertificateSettings.objects.create(site=site, default_template=created[0])


def remove_designs(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateTemplate.objects.filter(name__in=[design["name"] for design in DESIGNS], certificates=None).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(create_designs, remove_designs)]
