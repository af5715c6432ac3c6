"""The kinds the notifications app declares for Wagtail's own e-mails (``admin_mail``):
the page review workflow and comments in the page editor, for staff. Their texts are
Wagtail's templates, rendered by ``admin_mail``. Each app declares its own kinds in its
``notification_kinds.py``."""

from django.utils.translation import gettext_lazy as _

from .kinds import EMAIL, SITE, Kind, register

register(
    Kind(
        "notifications.review_submitted",
        label=_("Pages and courses submitted for review"),
        description=_("When something you may review is submitted for review (moderators, administrators)."),
        recipients=_("the reviewers of the workflow's task (moderators) and administrators"),
        channels={SITE, EMAIL},
        renders_itself=True,
        staff_only=True,
    )
)
register(
    Kind(
        "notifications.review_approved",
        label=_("Your submission was approved"),
        description=_("When a page or course you submitted for review is approved and published."),
        recipients=_("whoever submitted it (an instructor, an editor, a translator)"),
        channels={SITE, EMAIL},
        renders_itself=True,
        staff_only=True,
    )
)
register(
    Kind(
        "notifications.review_rejected",
        label=_("Your submission needs changes"),
        description=_("When a reviewer asks for changes to a page or course you submitted, with their comment."),
        recipients=_("whoever submitted it (an instructor, an editor, a translator)"),
        channels={SITE, EMAIL},
        renders_itself=True,
        staff_only=True,
    )
)
register(
    Kind(
        "notifications.page_comments",
        label=_("Comments on pages you edit"),
        description=_("New comments, replies and resolved comments in the page editor."),
        recipients=_("staff who commented on the page or follow its comments"),
        channels={SITE, EMAIL},
        renders_itself=True,
        staff_only=True,
    )
)

from .communication import notification_kinds as _communication  # noqa: E402, F401 (announcements, messages, contact)
