"""Refusals an editor or a translator can cause in the home app; views turn them into messages."""

from core.errors import UserFacingError


class HomeError(UserFacingError):
    """Base class of the home app's user-facing errors."""


class TranslationNotSubmitted(HomeError):
    """A translation could not be submitted for review."""
