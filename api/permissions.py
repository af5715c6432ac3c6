"""A key opens what its scopes allow: each view names the scope it needs for each method."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission

from .models import ApiKey


class HasScope(BasePermission):
    def has_permission(self, request, view):
        key = request.auth
        if not isinstance(key, ApiKey):
            raise NotAuthenticated(_("An API key is needed: send it as “Authorization: Bearer <key>”."))
        scope = view.required_scopes.get(request.method) or view.required_scopes.get("*")
        if scope is None or not key.allows(scope):
            raise PermissionDenied(_("This API key does not have the “%(scope)s” scope.") % {"scope": scope})
        return True
