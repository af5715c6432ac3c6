"""Every refusal has one JSON shape: ``{"error": {"code", "message", "fields"}}``.

DRF's own handler runs first (status, ``Retry-After`` and ``WWW-Authenticate`` headers,
and the rollback of the request's transaction, so nothing is half-written); a refusal of
the site's rules (``UserFacingError``: e.g. enrolling as free in a paid course) is a 422.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.errors import UserFacingError


def handle(exc, context):
    if isinstance(exc, UserFacingError):
        set_rollback()
        return Response(body("refused", exc.message), status=status.HTTP_422_UNPROCESSABLE_ENTITY)
    response = exception_handler(exc, context)
    if response is None:
        return None  # not a refusal: a bug, reported as such
    if isinstance(exc, exceptions.ValidationError):
        response.data = body("invalid", _("The request is not valid: see “fields”."), fields=_as_fields(exc.detail))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data.get("detail", "")
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = body(code if isinstance(code, str) else "error", str(detail))
    return response


def body(code, message, fields=None):
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _as_fields(detail):
    if isinstance(detail, dict):
        return detail
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}
