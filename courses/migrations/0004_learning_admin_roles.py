"""The "Learning" admin menu's rights.

- Instructors see the enrollments of their own courses (and their statistics), enroll
  students in them, and read the reviews of their courses (the views filter by course).
- Moderators see every review and hide or unhide it (change).
"""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import INSTRUCTORS, MODERATORS

GRANTS = {
    INSTRUCTORS: ["courses.view_enrollment", "courses.add_enrollment", "courses.view_review"],
    MODERATORS: ["courses.view_review", "courses.change_review"],
}


def grant(apps, schema_editor):
    ensure_permissions(apps)
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
                *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_learning"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
