"""The notifications app's Wagtail hooks, one module per feature."""

from wagtail import hooks

from .communication.wagtail_hooks import *  # noqa: F403 (announcements and messages: dashboard, course page, admin)


@hooks.register("register_learner_panel")
def learner_messages_panel(request, learner):
    """How much the learner was told and wrote: notifications (unread), message threads."""
    from django.db.models import Count, Q
    from django.utils.translation import gettext as _

    from accounts.learners import LearnerPanel

    from .models import MessageThread, Notification

    told = Notification.objects.filter(recipient=learner).aggregate(
        total=Count("pk"), unread=Count("pk", filter=Q(in_site=True, read_at__isnull=True))
    )
    context = {**told, "threads": MessageThread.objects.filter(student=learner).count()}
    return LearnerPanel(_("Messages and notifications"), "notifications/admin/learner_messages.html", context, order=50)
