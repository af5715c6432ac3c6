"""Who may read, post in and moderate a page's discussion: the page decides.

The discussions app knows nothing about courses, blogs or any other page type. A page
opts in to having a discussion by implementing two methods:

``discussion_permissions(self, user) -> DiscussionPermissions``
    What ``user`` (possibly anonymous) may do in this page's discussion. ``reason`` is
    shown to a user who cannot post (e.g. "Enroll in this course to join the
    discussion."). Being a Django superuser or a member of the "Moderators" group gives
    no right by itself: the page's policy decides, and should normally let them moderate
    (``is_site_moderator(user)`` answers that question). The course policy lets
    enrolled students and course staff post, and lets Moderators, superusers and the
    course's instructors moderate.

A page may hold some users' posts for a moderator's approval: ``hold_posts=True`` in the
permissions it returns. ``is_new_account(user)`` answers the usual question (an account
younger than ``AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS`` days, or without a verified
address); a held post is shown only to its author and the page's moderators until one of
them approves it (``services.approve_post``), and only then are people told of it.

``discussion_recipients(self) -> iterable of users``
    Who is e-mailed when someone who cannot moderate posts a new question (a course's
    instructors, a blog post's author…).

A page may also say how its discussion is worded: ``discussion_wording = "comments"`` (a blog
post: "Comments", "Post your comment") instead of the default ``"questions"`` (a lesson).

A page without ``discussion_permissions`` has no discussion: everything is denied.
All language versions of a page share one discussion (threads are keyed by the page's
``translation_key``); the policy is asked on the language version being viewed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.roles import MODERATORS

NO_DISCUSSION = _("This page has no discussion.")


@dataclass(frozen=True)
class DiscussionPermissions:
    can_read: bool = False
    can_post: bool = False
    can_moderate: bool = False
    reason: str = ""  # why the user cannot post, in words they can act on
    hold_posts: bool = False  # this user's posts wait for a moderator's approval

    @property
    def refusal(self):
        return self.reason or NO_DISCUSSION


DENIED = DiscussionPermissions(reason=NO_DISCUSSION)


def has_discussion(page):
    return callable(getattr(page, "discussion_permissions", None))


def permissions_for(page, user):
    """What ``user`` may do in ``page``'s discussion (everything denied if the page has
    no discussion). Moderating implies reading; posting implies reading."""
    if page is None or not has_discussion(page):
        return DENIED
    permissions = page.discussion_permissions(user)
    if not isinstance(permissions, DiscussionPermissions):
        raise TypeError(f"{type(page).__name__}.discussion_permissions() must return DiscussionPermissions")
    return permissions


def recipients_for(page):
    """The users to notify of a new question on ``page`` (none if it does not say)."""
    recipients = getattr(page, "discussion_recipients", None)
    return list(recipients()) if callable(recipients) else []


def is_site_moderator(user):
    """A Django superuser or a member of the Moderators group: moderators everywhere,
    by the policies that choose to say so. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from caching.permission_cache import group_names

    return MODERATORS in group_names(user)


DEFAULT_HOLD_NEW_ACCOUNTS_DAYS = 7


def is_new_account(user):
    """Is ``user``'s account younger than ``AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS`` days,
    or without a verified e-mail address? (0 days: only the address counts.) A page's policy
    may hold such users' posts for approval."""
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.utils import timezone

    if not getattr(user, "is_authenticated", False):
        return True
    days = getattr(settings, "AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS", DEFAULT_HOLD_NEW_ACCOUNTS_DAYS)
    if days and user.date_joined > timezone.now() - timedelta(days=days):
        return True
    return not EmailAddress.objects.filter(user=user, verified=True).exists()
