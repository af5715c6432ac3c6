"""How announcements, private messages, reports and contact messages are told: each through
``notifications.sending.notify`` with its declared kind (``notification_kinds.py``), once
per recipient (the ``key``), in the recipient's language."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from accounts.roles import MODERATORS

from ..language import language_for
from ..sending import notify

ANNOUNCEMENT = "notifications.announcement"
MESSAGE_TO_STAFF = "notifications.message_to_staff"
MESSAGE_REPLY = "notifications.message_reply"
MESSAGE_REPORTED = "notifications.message_reported"
CONTACT_MESSAGE = "notifications.contact_message"


def _in_language_of(user, name, *args):
    """The path of a site URL in the recipient's language."""
    with translation.override(language_for(user)):
        return reverse(name, args=args)


def announcement_posted(announcement, recipients):
    course = announcement.course
    for user in recipients:
        url = (course.get_url() if course is not None else "") or _in_language_of(user, "dashboard")
        notify(
            user,
            ANNOUNCEMENT,
            context={"announcement": announcement, "course": course},
            url=url,
            target=announcement,
            key=f"announcement:{announcement.pk}:{user.pk}",
        )


def message_sent(message):
    """A student's message tells the course's staff; a staff member's tells the student."""
    from .messaging import staff_of

    thread = message.thread
    if message.author_id == thread.student_id:
        recipients, kind = [u for u in staff_of(thread.course_key) if u.pk != message.author_id], MESSAGE_TO_STAFF
    else:
        recipients, kind = [thread.student], MESSAGE_REPLY
    for user in recipients:
        notify(
            user,
            kind,
            context={"message": message, "thread": thread, "course": thread.course, "author": message.author},
            url=_in_language_of(user, "messages:thread", thread.pk) + f"#message-{message.pk}",
            target=message,
            key=f"message:{message.pk}:{user.pk}",
        )


def moderators():
    users = get_user_model().objects.filter(is_active=True)
    return list(users.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS)).distinct().order_by("pk"))


def message_reported(report):
    for user in moderators():
        if user.pk == report.reporter_id:
            continue
        notify(
            user,
            MESSAGE_REPORTED,
            context={"report": report, "message": report.message, "thread": report.message.thread},
            url=reverse("message_reports:edit", args=[report.pk]),
            target=report.message,
            key=f"message-report:{report.pk}:{user.pk}",
        )


def contact_received(message, address):
    """The site's contact address (not an account) is told, in the site's language."""
    notify(
        address,
        CONTACT_MESSAGE,
        context={"contact": message},
        url=reverse("contact_messages:edit", args=[message.pk]),
        target=message,
        key=f"contact:{message.pk}",
    )
