"""Certificates record the course's duration in seconds, as the course page says it
(``courses.duration``), and the three designs print it as people say it ("3 h 20 min",
"45 min") instead of hours to the tenth. Only a layout nobody changed since migration 0002
is replaced (in every language)."""

from django.db import migrations, models

from ._designs import CLASSIC_LAYOUT, MINIMAL_LAYOUT, MODERN_LAYOUT

CHANGES = [
    (CLASSIC_LAYOUT, CLASSIC_LAYOUT.replace("{{ hours }} h", "{{ duration }}")),
    (
        MODERN_LAYOUT,
        MODERN_LAYOUT.replace(
            "<dt>{{ label_hours }}</dt><dd>{{ hours }}</dd>", "<dt>{{ label_duration }}</dt><dd>{{ duration }}</dd>"
        ),
    ),
    (MINIMAL_LAYOUT, MINIMAL_LAYOUT.replace("{{ hours }} h", "{{ duration }}")),
]


def print_durations(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for old, new in CHANGES:
        CertificateTemplate.objects.filter(layout=old).update(layout=new)


def print_hours(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for old, new in CHANGES:
        CertificateTemplate.objects.filter(layout=new).update(layout=old)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_designs_make_room"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="duration_seconds",
            field=models.PositiveIntegerField(
                default=0,
                help_text="The course's duration when it was completed (courses/duration.py); hours are rounded from it.",
                verbose_name="duration (seconds)",
            ),
        ),
        migrations.RunPython(print_durations, print_hours),
    ]
