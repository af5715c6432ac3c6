"""Each user's account, permissions and groups, read from the shared cache instead of
three or four queries on every signed-in request.

The session's user comes from the user's personal cache (``caching.personal_cache``),
renewed whenever the user is saved or deleted: a new password, a deactivation or a new
name counts from the next request, on every server.

Django's ``ModelBackend`` reads a user's permissions (their own and their groups') once
per request; the access rule asks on every course page (``courses.open_every_course``),
the discussions ask for the Moderators group. Both are kept under the page cache's
generation (``caching.page_cache``), which is renewed when a user's groups or
permissions, a group's permissions, a group or a permission change — so a revoked right
is gone on the next request, on every server sharing the cache. The key also holds
whether the user is a superuser; inactive users have no permissions, as in Django.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from .personal_cache import personal_value
from .scopes import PERMISSIONS
from .shared import shared_value


class SharedPermissionsBackend(ModelBackend):
    """``ModelBackend`` with the session's user and ``get_all_permissions`` served from
    the shared cache."""

    def get_user(self, user_id):
        return personal_value(user_id, "user", lambda: super(SharedPermissionsBackend, self).get_user(user_id))

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"permissions:{user_obj.pk}:{int(user_obj.is_superuser)}"
            user_obj._perm_cache = shared_value(
                None, key, lambda: self._read_permissions(user_obj), scopes=[PERMISSIONS]
            )
        return user_obj._perm_cache

    def _read_permissions(self, user_obj):
        """Django's answer, in one query where it takes two (the user's own and their
        groups'); a superuser's is every permission, as Django reads it."""
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj)
        rows = (
            Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        return {f"{app_label}.{codename}" for app_label, codename in rows}


def group_names(user):
    """The names of the groups ``user`` belongs to (a frozenset), once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_aula_group_names"):
        user._aula_group_names = shared_value(
            None,
            f"groups:{user.pk}",
            lambda: frozenset(user.groups.values_list("name", flat=True)),
            scopes=[PERMISSIONS],
        )
    return user._aula_group_names
