"""Errors a user can cause in events: each carries a translatable message for the view."""


class EventsError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RegistrationError(EventsError):
    """Registering or cancelling is refused (started, cancelled class, not one's own…)."""
