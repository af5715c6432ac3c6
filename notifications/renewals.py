"""What the notifications app's changes renew (``caching.registry``): a notification is
its recipient's own fact (the bell's unread count is kept in their personal cache)."""

from caching import registry, scopes

from .models import Notification

registry.renews(Notification, lambda n: [scopes.user(n.recipient_id)] if n.recipient_id else [])
