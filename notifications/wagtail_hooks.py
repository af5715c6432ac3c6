"""The notifications app's Wagtail hooks, one module per feature."""

from .communication.wagtail_hooks import *  # noqa: F403 (announcements and messages: dashboard, course page, admin)
