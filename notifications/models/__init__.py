"""The notifications app's models, one module each (other features of the app add theirs
beside them and re-export them here)."""

from .announcements import Announcement, AnnouncementDismissal
from .contact import ContactMessage
from .messages import Message, MessageReport, MessageThread, ThreadReadMark
from .notification import Delivery, Notification
from .preferences import Preference

__all__ = [
    "Announcement",
    "AnnouncementDismissal",
    "ContactMessage",
    "Delivery",
    "Message",
    "MessageReport",
    "MessageThread",
    "Notification",
    "Preference",
    "ThreadReadMark",
]
