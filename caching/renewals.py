"""What renews what, for the models of Wagtail and Django that Aula's pages show (each app
declares its own in its ``renewals.py``; see ``caching.registry``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from .registry import renews, renews_on_m2m
from .scopes import PERMISSIONS, SITE, user


def _site(instance):
    return [SITE]


def _permissions(instance):
    return [PERMISSIONS]


for model in (Locale, Site, PageViewRestriction, get_image_model(), get_document_model()):
    renews(model, _site)

User = get_user_model()
renews(User, lambda account: [user(account.pk)])  # the session's user (permissions are keyed by superuser or not)
for model in (Group, Permission):
    renews(model, _permissions)
for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    renews_on_m2m(through, _permissions)
