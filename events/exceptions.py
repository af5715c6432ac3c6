"""Errors a user can cause in events: each carries a translatable message; views turn them
into messages."""

from core.errors import UserFacingError


class EventsError(UserFacingError):
    """Base class of the events app's user-facing errors."""


class RegistrationError(EventsError):
    """Registering or cancelling is refused (started, cancelled class, not one's own…)."""


class LiveSessionError(EventsError):
    """Marking attendance at a live session was refused."""
