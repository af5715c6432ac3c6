"""What discussions tell people (``notifications.kinds``)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register


def _window():
    return getattr(settings, "AULA_DISCUSSION_DIGEST_MINUTES", 10)


def _still_wanted(notification):
    """A question still visible, on a page that exists, whose recipients still include the
    recipient (an instructor removed meanwhile is not told)."""
    from .policy import recipients_for

    post = notification.target
    if post is None or post.hidden:
        return False
    page = post.thread.page()
    if page is None:
        return False
    return any(user.pk == notification.recipient_id for user in recipients_for(page.specific))


register(
    Kind(
        "discussions.question",
        label=_("New questions in discussions you look after"),
        description=_(
            "When someone asks a question on a page you teach or moderate. Questions asked close together "
            "arrive in one e-mail."
        ),
        recipients=_("the page's recipients: a course's instructors (or the page's staff)"),
        channels={SITE, EMAIL},
        digest=True,
        digest_minutes=_window,
        still_wanted=_still_wanted,
    )
)
