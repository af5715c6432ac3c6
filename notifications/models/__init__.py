"""The notifications app's models, one module each (other features of the app add theirs
beside them and re-export them here)."""

from .notification import Delivery, Notification
from .preferences import Preference

__all__ = ["Delivery", "Notification", "Preference"]
