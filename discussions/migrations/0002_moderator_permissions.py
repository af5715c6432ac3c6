"""Moderators review reported posts in the admin: they see posts and reports, hide and
unhide posts (change) and dismiss reports (delete)."""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import MODERATORS

MODERATOR_PERMISSIONS = [
    "discussions.view_post",
    "discussions.change_post",
    "discussions.view_flag",
    "discussions.delete_flag",
]


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_model_permissions(apps, MODERATORS, MODERATOR_PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators:
        codenames = [key.split(".")[1] for key in MODERATOR_PERMISSIONS]
        moderators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="discussions", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
