"""Telling a page's recipients (a course's instructors) about new questions, through
``notifications`` (kind ``discussions.question``, a digest kind).

Each recipient gets at most one e-mail every ``AULA_DISCUSSION_DIGEST_MINUTES``: the first
question after a quiet spell is sent at once; the ones asked while that window is open wait,
and go out together in one summary when it closes (``notifications.delivery.send_due``, run
every minute by a django-q2 schedule). A question hidden meanwhile, or a recipient no longer
on the page, is left out (the kind's ``still_wanted``).
"""

from django.conf import settings
from django.utils import translation

from notifications.sending import notify

from .models import Post
from .policy import recipients_for


def notice_question(post_id, language=None):
    """Queued by ``services.post_question`` once the question is committed: notify each of
    its page's recipients. ``language`` is the language version it was asked on (its link
    goes there). Returns how many recipients were notified."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or post.hidden or not post.is_question:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        page = post.thread.page()
        page = page.specific if page else None
        url = page.get_full_url() if page else ""
    if page is None:
        return 0
    told = 0
    for user in recipients_for(page):
        if not user.is_active or user.pk == post.author_id:
            continue
        notified = notify(
            user,
            "discussions.question",
            context={"post": post, "page": page, "author_name": post.author.get_display_name()},
            url=f"{url}#post-{post.pk}" if url else "",
            language=language,
            target=post,
            key=f"discussions.question:{post.pk}:{user.pk}",
        )
        told += notified is not None
    return told
