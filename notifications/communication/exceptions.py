from core.errors import UserFacingError


class CommunicationError(UserFacingError):
    """A refused announcement, message or report: ``message`` is shown to the user and
    nothing was changed."""
