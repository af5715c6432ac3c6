"""The certificates admin's rights.

- Instructors list the certificates of their own courses, issue (by the rules or with an
  override) and revoke them (the views filter by course).
- Editors design certificate templates: create, edit, publish.
"""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import EDITORS, INSTRUCTORS

GRANTS = {
    INSTRUCTORS: ["certificates.view_certificate", "certificates.add_certificate"],
    EDITORS: [
        "certificates.view_certificatetemplate",
        "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
        "certificates.publish_certificatetemplate",
    ],
}


def grant(apps, schema_editor):
    ensure_permissions(apps)
    # Wagtail adds "publish" for models with drafts after migrate; the grant needs it now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="certificates", model="certificatetemplate")
    Permission.objects.get_or_create(
        content_type=content_type, codename="publish_certificatetemplate",
        defaults={"name": "Can publish certificate template"},
    )  # fmt: skip
    for group_name, natural_keys in GRANTS.items():
        grant_model_permissions(apps, group_name, natural_keys)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, natural_keys in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group:
            codenames = [key.split(".")[1] for key in natural_keys]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="certificates", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_three_designs"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
