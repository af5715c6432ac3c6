"""Refusals staff or students can cause with certificates; views turn them into messages."""

from core.errors import UserFacingError


class CertificateError(UserFacingError):
    """Base class of the certificates app's user-facing errors."""
