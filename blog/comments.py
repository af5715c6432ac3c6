"""Who may comment on a post (the discussions app asks the page: ``discussions/policy.py``).

Everyone reads the comments of a live post. Signed-in users comment while the post's
comments are open; a new account's comments (``discussions.policy.is_new_account``) wait
for a moderator's approval. Moderators (the Moderators group, superusers) approve and hide.
The post's author — the site user its ``BlogAuthor`` is linked to — is told of comments.
"""

from django.utils.translation import gettext_lazy as _

from discussions.policy import DiscussionPermissions, is_new_account, is_site_moderator

NOT_PUBLISHED = _("This post is not published: it cannot be commented on.")
CLOSED = _("Comments are closed on this post.")
LOG_IN = _("Log in to comment on this post.")


def comment_permissions(post, user):
    if not post.live:
        return DiscussionPermissions(reason=NOT_PUBLISHED)
    moderates = is_site_moderator(user)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return DiscussionPermissions(can_read=True, reason=LOG_IN)
    if not post.comments_open:
        return DiscussionPermissions(can_read=True, can_moderate=moderates, reason=CLOSED)
    return DiscussionPermissions(
        can_read=True, can_post=True, can_moderate=moderates, hold_posts=not moderates and is_new_account(user)
    )


def comment_recipients(post):
    """The post's author, when linked to an active user with an address."""
    author = post.author
    user = author.user if author is not None and author.user_id else None
    return [user] if user is not None and user.is_active and user.email else []
