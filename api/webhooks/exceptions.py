"""Refusals an administrator can cause (a URL that may not be called, a replay that cannot
be made); the admin turns them into form errors and messages, never into 500s."""

from core.errors import UserFacingError


class WebhookError(UserFacingError):
    """Base class of the webhooks app's user-facing errors."""


class RefusedDestination(WebhookError):
    """A URL that Aula will not call: another scheme than http(s), plain http where https is
    required, or a host that is (or resolves to) a private, loopback, link-local, multicast
    or reserved address."""
