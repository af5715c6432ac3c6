"""What notifications holds about a person (``accounts.personal_data``): their
notifications, preferences, dismissed announcements, private conversations with course
staff (with attachments) and reports; contact-form messages sent from their address.
Erased when the account is deleted, but for messages they wrote in someone else's
conversation (as course staff): those stay, from "deleted user"."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, records, register

from .models import (
    AnnouncementDismissal,
    ContactMessage,
    Message,
    MessageReport,
    MessageThread,
    Notification,
    Preference,
    ThreadReadMark,
)


def export(user):
    return {
        "notifications": records(
            Notification.objects.filter(recipient=user), "kind", "subject", "body", "url", "language", "created",
            "read_at",
        ),
        "preferences": records(Preference.objects.filter(user=user), "kind", "channel", "enabled", "updated"),
        "dismissed_announcements": records(
            AnnouncementDismissal.objects.filter(user=user), "announcement__title", "created_at"
        ),
        "conversations": records(
            MessageThread.objects.filter(student=user), "id", "course_key", "course__title", "subject", "status",
            "created_at", "last_message_at",
        ),
        "messages": [
            {**row, "from_you": row.pop("author_id") == user.pk}
            for row in records(
                Message.objects.filter(Q(thread__student=user) | Q(author=user)), "thread_id", "author_id", "body",
                "attachment_name", "created_at", "hidden",
            )
        ],
        "read_marks": records(ThreadReadMark.objects.filter(user=user), "thread_id", "read_at"),
        "reports": records(MessageReport.objects.filter(reporter=user), "message_id", "reason", "created_at"),
        "contact_messages": records(
            ContactMessage.objects.filter(email__iexact=user.email), "name", "subject", "body", "created_at"
        ),
    }  # fmt: skip


def files(user):
    for message in Message.objects.filter(Q(thread__student=user) | Q(author=user)).exclude(attachment=""):
        yield f"files/messages/{message.pk}-{message.attachment_name or 'attachment'}", message.attachment


def erase(user, choices):
    for message in Message.objects.filter(thread__student=user).exclude(attachment=""):
        message.attachment.delete(save=False)
    MessageThread.objects.filter(student=user).delete()  # their conversations, messages and marks with them
    for model, field in ((Notification, "recipient"), (Preference, "user"), (AnnouncementDismissal, "user"),
                         (ThreadReadMark, "user"), (MessageReport, "reporter")):  # fmt: skip
        model.objects.filter(**{field: user}).delete()
    ContactMessage.objects.filter(email__iexact=user.email).delete()


register(
    PersonalData(
        "notifications",
        covers=[
            "notifications.Notification.recipient",
            "notifications.Preference.user",
            "notifications.AnnouncementDismissal.user",
            "notifications.MessageThread.student",
            "notifications.Message.author",
            "notifications.ThreadReadMark.user",
            "notifications.MessageReport.reporter",
        ],
        keeps={
            "notifications.Announcement.author": _("who wrote a course announcement: a staff record"),
            "notifications.MessageThread.last_author": _("the last to write in a conversation: shows 'deleted user'"),
            "notifications.MessageReport.resolved_by": _("the moderator who resolved a report: a staff record"),
        },
        export=export,
        files=files,
        erase=erase,
    )
)
