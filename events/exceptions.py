"""Refusals a user can cause in events; views turn them into messages."""

from core.errors import UserFacingError


class EventsError(UserFacingError):
    """Base class of the events app's user-facing errors."""


class LiveSessionError(EventsError):
    """Marking attendance at a live session was refused."""
