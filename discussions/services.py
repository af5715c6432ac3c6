"""The rules of a discussion. Every function either does what it is asked or raises
``DiscussionError`` with a message for the user, having changed nothing.

Permissions come from the page (``policy.permissions_for``); functions that start from a
post or thread find the page through the thread's ``page_key``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import UserFacingError
from core.hourly_limits import hour_ago, minutes_until_allowed

from .models import MAX_FLAG_REASON_LENGTH, MAX_POST_LENGTH, Flag, Post, Thread
from .policy import permissions_for

DEFAULT_EDIT_WINDOW_MINUTES = 15
DEFAULT_POSTS_PER_HOUR = 20


class DiscussionError(UserFacingError):
    """A refused action. ``message`` is translated and shown to the user."""


def edit_window():
    return timedelta(minutes=getattr(settings, "AULA_DISCUSSION_EDIT_WINDOW_MINUTES", DEFAULT_EDIT_WINDOW_MINUTES))


def posts_per_hour():
    """How many questions and replies one person may post in any hour (0: no limit)."""
    return getattr(settings, "AULA_DISCUSSION_POSTS_PER_HOUR", DEFAULT_POSTS_PER_HOUR)


def thread_for(page, create=False):
    """The page's thread (shared by its translations), or None before the first post."""
    if create:
        return Thread.objects.get_or_create(page_key=page.translation_key)[0]
    return Thread.objects.filter(page_key=page.translation_key).first()


def can_edit(post, user, now=None):
    """May ``user`` still edit ``post``? (Shown as an "Edit" button; enforced by edit_post.)"""
    return (
        getattr(user, "pk", None) == post.author_id
        and not post.hidden
        and (now or timezone.now()) - post.created <= edit_window()
    )


# --- Posting ------------------------------------------------------------------------------


def post_question(page, author, body):
    """Start a new top-level post in ``page``'s discussion."""
    permissions = _may_post(page, author)
    _refuse_if_posting_too_often(author, permissions)
    body = clean_body(body)
    thread = thread_for(page, create=True)
    _refuse_if_locked(thread, permissions)
    post = Post.objects.create(thread=thread, author=author, body=body, held=_held(permissions))
    if not post.held:
        _published(post, page, told_staff=not permissions.can_moderate)
    return post


def reply(parent, author, body):
    """Reply to a post. Replies are one level deep: replying to a reply answers its question."""
    page = _page_of(parent.thread)
    permissions = _may_post(page, author)
    _refuse_if_posting_too_often(author, permissions)
    body = clean_body(body)
    question = parent.parent if parent.parent_id else parent
    if parent.hidden or question.hidden:
        raise DiscussionError(_("This post was hidden by a moderator; it cannot be answered."))
    if question.held and not permissions.can_moderate:
        raise DiscussionError(_("This post is awaiting a moderator's approval; it cannot be answered yet."))
    _refuse_if_locked(parent.thread, permissions)
    post = Post.objects.create(thread=parent.thread, author=author, parent=question, body=body, held=_held(permissions))
    if not post.held:
        _published(post, page)
    return post


def approve_post(post, moderator):
    """A moderator lets a held post be seen; then its page's people are told of it, as if
    it had just been posted."""
    _may_moderate(_page_of(post.thread), moderator)
    return release(post, moderator)


def release(post, moderator):
    """Approve a held post, recording who did it. Permission is the caller's business
    (the site checks the page's policy, the admin its model permissions)."""
    if not post.held:
        return post
    post.held, post.approved_by, post.approved_at = False, moderator, timezone.now()
    post.save(update_fields=["held", "approved_by", "approved_at"])
    page = _page_of(post.thread)
    if page is not None:
        author_moderates = permissions_for(page, post.author).can_moderate
        _published(post, page, told_staff=post.is_question and not author_moderates)
    return post


def edit_post(post, user, body):
    """The author corrects their post, within the edit window."""
    page = _page_of(post.thread)
    permissions = _may_post(page, user)
    if post.author_id != user.pk:
        raise DiscussionError(_("You can only edit your own posts."))
    if post.hidden:
        raise DiscussionError(_("This post was hidden by a moderator; it cannot be edited."))
    if not can_edit(post, user):
        minutes = int(edit_window().total_seconds() // 60)
        raise DiscussionError(
            ngettext(
                "Posts can only be edited in the first minute after posting.",
                "Posts can only be edited in the first %(minutes)d minutes after posting.",
                minutes,
            )
            % {"minutes": minutes}
        )
    _refuse_if_locked(post.thread, permissions)
    body = clean_body(body)
    if body != post.body:
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
    return post


def clean_body(body):
    body = _printable(body).strip()
    if not body:
        raise DiscussionError(_("Write something before posting."))
    if len(body) > MAX_POST_LENGTH:
        raise DiscussionError(
            _("A post can be at most %(max)d characters long; this one has %(count)d.")
            % {"max": MAX_POST_LENGTH, "count": len(body)}
        )
    return body


# --- Flags --------------------------------------------------------------------------------


def flag_post(post, user, reason=""):
    """Report someone else's post to the moderators, once."""
    page = _page_of(post.thread)
    permissions = permissions_for(page, user)
    if not (user.is_authenticated and (permissions.can_read or permissions.can_moderate)):
        raise DiscussionError(permissions.refusal)
    if post.author_id == user.pk:
        raise DiscussionError(_("You cannot report your own post."))
    if post.hidden:
        raise DiscussionError(_("This post is already hidden."))
    reason = _printable(reason).strip()
    if len(reason) > MAX_FLAG_REASON_LENGTH:
        raise DiscussionError(_("The reason can be at most %(max)d characters long.") % {"max": MAX_FLAG_REASON_LENGTH})
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, user=user, reason=reason)
    except IntegrityError:
        raise DiscussionError(_("You have already reported this post.")) from None


# --- Moderation ---------------------------------------------------------------------------


def hide_post(post, moderator):
    _may_moderate(_page_of(post.thread), moderator)
    return set_hidden(post, True, moderator)


def unhide_post(post, moderator):
    _may_moderate(_page_of(post.thread), moderator)
    return set_hidden(post, False, moderator)


def set_hidden(post, hidden, moderator):
    """Hide or show a post, recording who did it. Permission is the caller's business
    (the site checks the page's policy, the admin its model permissions)."""
    if post.hidden != hidden:
        post.hidden = hidden
        post.hidden_by = moderator if hidden else None
        post.hidden_at = timezone.now() if hidden else None
        post.save(update_fields=["hidden", "hidden_by", "hidden_at"])
    return post


def lock_thread(page, moderator):
    """Close the discussion: only moderators can post in it until it is unlocked."""
    _may_moderate(page, moderator)
    thread = thread_for(page, create=True)
    if not thread.locked:
        thread.locked, thread.locked_by, thread.locked_at = True, moderator, timezone.now()
        thread.save(update_fields=["locked", "locked_by", "locked_at"])
    return thread


def unlock_thread(page, moderator):
    _may_moderate(page, moderator)
    thread = thread_for(page)
    if thread and thread.locked:
        thread.locked, thread.locked_by, thread.locked_at = False, None, None
        thread.save(update_fields=["locked", "locked_by", "locked_at"])
    return thread


# --- Helpers ------------------------------------------------------------------------------


def _printable(text):
    """NUL characters mean nothing in a post, and PostgreSQL refuses to store them."""
    return (text or "").replace("\x00", "")


def _page_of(thread):
    page = thread.page()
    return page.specific if page else None


def _may_post(page, user):
    permissions = permissions_for(page, user)
    if not (user.is_authenticated and (permissions.can_post or permissions.can_moderate)):
        raise DiscussionError(permissions.refusal)
    return permissions


def _may_moderate(page, user):
    permissions = permissions_for(page, user)
    if not (user.is_authenticated and permissions.can_moderate):
        raise DiscussionError(_("Only moderators can do that."))
    return permissions


def _refuse_if_posting_too_often(author, permissions):
    """At most ``posts_per_hour()`` new posts by ``author`` in the last hour; whoever
    moderates the page (its staff answering a backlog) is not counted."""
    limit = posts_per_hour()
    if not limit or permissions.can_moderate:
        return
    recent = Post.objects.filter(author=author, created__gt=hour_ago()).order_by("-created")
    minutes = minutes_until_allowed(list(recent.values_list("created", flat=True)[:limit]), limit)
    if minutes is None:
        return
    raise DiscussionError(
        ngettext(
            "You have posted %(count)d times in the last hour, the most allowed. You can post again in a minute.",
            "You have posted %(count)d times in the last hour, the most allowed. "
            "You can post again in %(minutes)d minutes.",
            minutes,
        )
        % {"count": limit, "minutes": minutes}
    )


def _refuse_if_locked(thread, permissions):
    if thread.locked and not permissions.can_moderate:
        raise DiscussionError(_("This discussion is locked: no new posts or edits."))


def _held(permissions):
    return permissions.hold_posts and not permissions.can_moderate


def _published(post, page, told_staff=False):
    """Once committed: the page's recipients are told of a new question (``told_staff``),
    and ``signals.post_published`` is sent."""
    from .signals import post_published

    language = page.locale.language_code
    if told_staff:
        transaction.on_commit(lambda: _enqueue_question_email(post.pk, language))
    transaction.on_commit(lambda: post_published.send(sender=Post, post=post, page=page))


def _enqueue_question_email(post_id, language):
    from django_q.tasks import async_task

    async_task("discussions.notifications.notice_question", post_id, language)


def reports_waiting():
    """Posts reported by someone and still shown: what the moderators have to look at."""
    return Post.objects.filter(hidden=False, flags__isnull=False).distinct()
