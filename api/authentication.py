"""``Authorization: Bearer aula_…``: the API key, checked by ``keys.authenticate``."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from . import keys
from .exceptions import KeyRefused


class ApiKeyAuthentication(BaseAuthentication):
    """No ``Authorization`` header: not authenticated (the permission answers 401). A header
    that is not a valid, active key: 401 saying why. The request's user stays anonymous: a
    key acts for the integration an administrator made it for, never as a site user."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.headers.get("Authorization")
        if header is None:
            return None
        keyword, _space, raw = header.partition(" ")
        if keyword != self.keyword or not raw.strip():
            raise AuthenticationFailed(_("Send the API key as “Authorization: Bearer <key>”."))
        try:
            key = keys.authenticate(raw.strip())
        except KeyRefused as refusal:
            raise AuthenticationFailed(refusal.message) from None
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
