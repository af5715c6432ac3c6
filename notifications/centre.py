"""The notification centre: a user's in-site notifications, what is unread, marking read.

The unread count is the user's own fact, kept in their personal cache
(``caching.personal_cache``, renewed by ``renewals.py`` whenever one of their notifications
changes): it is put into each of their pages per request, never into shared HTML."""

from django.utils import timezone

from caching.personal_cache import personal_value
from caching.registry import renew_rows

from .models import Notification


def shown_to(user):
    """The user's notifications in the centre, newest first."""
    return Notification.objects.filter(recipient=user, in_site=True).order_by("-created", "-pk")


def unread_count(user):
    if not getattr(user, "is_authenticated", False):
        return 0
    return personal_value(user.pk, "notifications_unread", lambda: shown_to(user).filter(read_at=None).count())


def find(user, notification_id):
    """The user's own notification ``notification_id``, or None (someone else's, or none)."""
    return shown_to(user).filter(pk=notification_id).first()


def mark_read(notification):
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user):
    """Mark every unread notification of ``user`` read; returns how many there were."""
    unread = shown_to(user).filter(read_at=None)
    marked = unread.update(read_at=timezone.now())
    if marked:
        renew_rows(Notification, [Notification(recipient_id=user.pk)])  # a queryset update: no save signal
    return marked
