"""The "Attempts" admin's rights: instructors see their own courses' attempts (the views
filter by course), moderators every course's."""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import INSTRUCTORS, MODERATORS

GRANTS = {
    INSTRUCTORS: ["assessments.view_attempt"],
    MODERATORS: ["assessments.view_attempt", "assessments.view_every_attempt"],
}


def grant(apps, schema_editor):
    ensure_permissions(apps)
    for group_name, natural_keys in GRANTS.items():
        grant_model_permissions(apps, group_name, natural_keys)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_extra_attempt_requests"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="attempt",
            options={
                "ordering": ["-started_at", "-pk"],
                "permissions": [("view_every_attempt", "Can see the attempts of every course")],
                "verbose_name": "attempt",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
