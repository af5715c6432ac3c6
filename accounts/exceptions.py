"""Refusals an account holder (or an operator at the command line) can cause."""

from core.errors import UserFacingError


class AccountError(UserFacingError):
    """Base class of the accounts app's user-facing errors."""
