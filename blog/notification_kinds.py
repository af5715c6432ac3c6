"""What the blog tells people (``notifications.kinds``). A post's author is told of new
comments through the discussions app's own kind (``discussions.question``: the post's
``discussion_recipients``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register


def _still_wanted(notification):
    """A reply still visible, on a page that still exists."""
    post = notification.target
    return post is not None and not post.hidden and not post.held and post.thread.page() is not None


register(
    Kind(
        "blog.reply",
        label=_("Replies to your comments on the blog"),
        description=_("When someone replies to a comment you wrote on a blog post."),
        recipients=_("the author of the comment answered"),
        channels={SITE, EMAIL},
        still_wanted=_still_wanted,
    )
)
