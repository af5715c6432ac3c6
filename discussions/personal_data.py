"""What discussions holds about a person (``accounts.personal_data``): their posts and the
reports they made. When the account is deleted the posts stay in their threads (replies
answer them), attributed to "deleted user"; the reports are erased."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, records, register
from caching.registry import renew_rows

from .models import Flag, Post


def export(user):
    return {
        "posts": records(
            Post.objects.filter(author=user),
            "id",
            "thread__page_key",
            "parent_id",
            "body",
            "created",
            "edited_at",
            "hidden",
            "held",
        ),
        "reports": records(Flag.objects.filter(user=user), "post_id", "reason", "created"),
    }


def erase(user, choices):
    Flag.objects.filter(user=user).delete()
    # The posts are not written, but the pages showing them name their author: renew them.
    renew_rows(Post, list(Post.objects.filter(author=user).select_related("thread")))


register(
    PersonalData(
        "discussions",
        covers=["discussions.Post.author", "discussions.Flag.user"],
        keeps={
            "discussions.Thread.locked_by": _("the moderator who locked a thread: a staff record"),
            "discussions.Post.hidden_by": _("the moderator who hid a post: a staff record"),
            "discussions.Post.approved_by": _("the moderator who approved a post: a staff record"),
        },
        export=export,
        erase=erase,
    )
)
