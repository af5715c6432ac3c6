"""The kinds of announcements, private messages and the contact form, declared by the
notifications app (its ``notification_kinds.py`` imports this module)."""

from django.utils.translation import gettext_lazy as _

from ..kinds import EMAIL, SITE, Kind, register


def _announcement_still_shown(notification):
    announcement = notification.target
    return announcement is not None and not announcement.is_expired()


def _message_still_shown(notification):
    message = notification.target
    return message is not None and not message.hidden


register(
    Kind(
        "notifications.announcement",
        label=_("Announcements"),
        description=_("When the site, or a course you are enrolled in, posts an announcement."),
        channels={SITE, EMAIL},
        still_wanted=_announcement_still_shown,
        recipients=_("a course's enrolled students; everyone, for a site-wide announcement"),
    )
)
register(
    Kind(
        "notifications.message_to_staff",
        label=_("Messages from students"),
        description=_("When a student of a course you teach writes to you."),
        channels={SITE, EMAIL},
        digest=True,
        still_wanted=_message_still_shown,
        recipients=_("the course's owner and instructors"),
        staff_only=True,
    )
)
register(
    Kind(
        "notifications.message_reply",
        label=_("Answers to your messages"),
        description=_("When a course's instructor answers your message."),
        channels={SITE, EMAIL},
        still_wanted=_message_still_shown,
        recipients=_("the student who started the conversation"),
    )
)
register(
    Kind(
        "notifications.message_reported",
        label=_("Reported messages"),
        description=_("When someone reports a private message to the moderators."),
        channels={SITE, EMAIL},
        recipients=_("moderators and administrators"),
        staff_only=True,
    )
)
register(
    Kind(
        "notifications.contact_message",
        label=_("Contact form"),
        description=_("A message sent through the site's contact form."),
        channels={EMAIL},
        transactional=True,
        recipients=_("the contact e-mail address of the site settings"),
    )
)
