"""Every refusal has one JSON shape: ``{"error": {"code", "message", "fields"}}``, with
DRF's headers (``Retry-After``, ``WWW-Authenticate``).

A refused write is rolled back whole (nothing half-written): writes run in their own
transaction (``core.transactions.atomic_unless_reading``), which is marked for rollback
here. Reads run outside one, so nothing is marked (DRF's own handler would mark whatever
transaction encloses the request). A refusal of the site's rules (``UserFacingError``:
e.g. enrolling as free in a paid course) is a 422.
"""

import math

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from core.errors import UserFacingError
from core.transactions import READING


def handle(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, UserFacingError):
        data, code, headers = body("refused", exc.message), status.HTTP_422_UNPROCESSABLE_ENTITY, {}
    elif isinstance(exc, exceptions.APIException):
        data, code, headers = _refusal(exc), exc.status_code, {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(math.ceil(exc.wait))
    else:
        return None  # not a refusal: a bug, reported as such
    if context["request"].method not in READING and connection.in_atomic_block:
        transaction.set_rollback(True)
    return Response(data, status=code, headers=headers)


def _refusal(exc):
    if isinstance(exc, exceptions.ValidationError):
        return body("invalid", _("The request is not valid: see “fields”."), fields=_as_fields(exc.detail))
    code = exc.get_codes()
    return body(code if isinstance(code, str) else "error", str(exc.detail))


def body(code, message, fields=None):
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _as_fields(detail):
    if isinstance(detail, dict):
        return detail
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}
