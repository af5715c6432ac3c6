"""An explicit right to open every course's content on the public site.

The access rule used to treat anyone with "change" on a course as staff, which made
translators (who hold it to translate) open every paid resource. Now only holders of
``courses.open_every_course`` are staff: Moderators and Editors. Translators are students
on the public site; they still see what they translate in the editor and its preview.
"""

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import EDITORS, MODERATORS

GRANTS = {MODERATORS: ["courses.open_every_course"], EDITORS: ["courses.open_every_course"]}


def grant(apps, schema_editor):
    ensure_permissions(apps)
    for group_name, natural_keys in GRANTS.items():
        grant_model_permissions(apps, group_name, natural_keys)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="courses", codename="open_every_course").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_caption_track_collection"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="coursepage",
            options={
                "permissions": [("open_every_course", "Can open every course's content on the public site")],
                "verbose_name": "course",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
