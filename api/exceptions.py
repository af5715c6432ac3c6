"""Refusals an API client can cause. Each becomes a JSON error (``errors.py``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from core.errors import UserFacingError


class ApiError(UserFacingError):
    """Base class of the API app's user-facing errors."""


class KeyRefused(ApiError):
    """The key given is malformed, unknown, revoked or expired."""


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with an earlier one.")
    default_code = "conflict"


class Unprocessable(APIException):
    """The request is well formed but the site's rules refuse it (e.g. enrolling in a paid
    course as free)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("The request was refused.")
    default_code = "refused"
