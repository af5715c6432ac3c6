"""Helpers for data migrations that give Aula's role groups their permissions.

They take the migration's historical ``apps`` so every app can extend the roles from its
own migrations as its page types and models arrive (see ``accounts/migrations/0002_roles``).
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps):
    """Permissions are normally created after migrate; data migrations need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def group(apps, name):
    Group = apps.get_model("auth", "Group")
    return Group.objects.get_or_create(name=name)[0]


def grant_model_permissions(apps, group_name, natural_keys):
    """natural_keys: ``["app_label.codename", ...]``."""
    Permission = apps.get_model("auth", "Permission")
    target = group(apps, group_name)
    for key in natural_keys:
        app_label, codename = key.split(".")
        target.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def grant_page_permissions(apps, group_name, page, codenames):
    """Page permissions (``add_page``, ``change_page``, ``publish_page``…) on ``page`` and below."""
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    target = group(apps, group_name)
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=target, page=page, permission=permission)


def grant_collection_permissions(apps, group_name, collection, natural_keys):
    """Collection permissions (``wagtailimages.add_image``…) on ``collection`` and below."""
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    target = group(apps, group_name)
    for key in natural_keys:
        app_label, codename = key.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=target, collection=collection, permission=permission)
