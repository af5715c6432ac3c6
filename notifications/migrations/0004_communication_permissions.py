"""Who uses the "Communication" admin menu: editors post site-wide announcements and read
the contact form's messages; instructors post announcements to their own courses (the
permission policy, notifications/communication/admin.py, limits them per course);
moderators resolve reports of private messages."""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS

ANNOUNCEMENTS = [f"notifications.{action}_announcement" for action in ("add", "change", "delete", "view")]
GRANTS = {
    EDITORS: [*ANNOUNCEMENTS, "notifications.view_contactmessage", "notifications.change_contactmessage"],
    INSTRUCTORS: ANNOUNCEMENTS,
    MODERATORS: ["notifications.view_messagereport", "notifications.change_messagereport"],
}


def grant(apps, schema_editor):
    ensure_permissions(apps)
    for group_name, permissions in GRANTS.items():
        grant_model_permissions(apps, group_name, permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group:
            codenames = [key.split(".")[1] for key in permissions]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="notifications", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_communication"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
