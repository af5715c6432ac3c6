"""What the notifications app's changes renew (``caching.registry``): a notification is
its recipient's own fact (the bell's unread count is kept in their personal cache)."""

from caching import registry, scopes

from .communication.announcing import ANNOUNCEMENTS
from .models import Announcement, AnnouncementDismissal, MessageThread, Notification, ThreadReadMark

registry.renews(Notification, lambda n: [scopes.user(n.recipient_id)] if n.recipient_id else [])


# --- Announcements and private messages (notifications.communication) ---------------------
# Nothing of theirs is in shared HTML: each reader's list comes from their personal cache.


def _inbox_owners(thread):
    """The student and the course's staff: whose inbox (dashboard panel) a thread is in."""
    from .communication.messaging import staff_ids

    return [scopes.user(user_id) for user_id in {thread.student_id, *staff_ids(thread.course_key)}]


# An announcement is in every reader's list (few of them, rarely changed): one scope for all.
registry.renews(Announcement, lambda announcement: [ANNOUNCEMENTS])
registry.renews(AnnouncementDismissal, lambda dismissal: [scopes.user(dismissal.user_id)])
registry.renews(MessageThread, _inbox_owners)
registry.renews(ThreadReadMark, lambda mark: [scopes.user(mark.user_id)])
registry.read_with_user(ANNOUNCEMENTS)  # the dashboard's and course pages' announcements
