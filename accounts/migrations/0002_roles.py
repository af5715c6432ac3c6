"""Create Aula's staff roles with their permissions.

Later apps extend these groups from their own migrations (courses: Instructors on the
catalog; a moderation workflow for Moderators).
"""

from django.db import migrations

from accounts.role_grants import (
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
)
from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS, STAFF_GROUPS, TRANSLATORS

MEDIA_LIBRARY = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    home = Page.objects.get(depth=2, content_type__app_label="home", content_type__model="homepage")
    root_collection = Collection.objects.get(depth=1)

    for name in STAFF_GROUPS:
        grant_model_permissions(apps, name, ["wagtailadmin.access_admin"])

    grant_page_permissions(apps, EDITORS, home, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"])
    grant_collection_permissions(apps, EDITORS, root_collection, MEDIA_LIBRARY)
    grant_model_permissions(apps, EDITORS, ["home.change_sitesettings"])

    grant_page_permissions(apps, MODERATORS, home, ["change_page", "publish_page", "lock_page", "unlock_page"])
    grant_collection_permissions(
        apps, MODERATORS, root_collection, ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
    )

    # Translators edit translated pages and submit them for moderation; they do not publish.
    grant_page_permissions(apps, TRANSLATORS, home, ["change_page"])
    grant_model_permissions(apps, TRANSLATORS, ["wagtail_localize.submit_translation"])
    grant_collection_permissions(
        apps, TRANSLATORS, root_collection, ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
    )

    grant_collection_permissions(
        apps, INSTRUCTORS, root_collection, ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
