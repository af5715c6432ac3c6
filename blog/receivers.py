"""The blog listens to the discussions app: a commenter is told of replies to their
comment (kind ``blog.reply``) once the reply is visible (posted, or approved)."""

from django.dispatch import receiver

from discussions.signals import post_published
from notifications.sending import notify

from .models import BlogPage


@receiver(post_published, dispatch_uid="blog-reply-notice")
def tell_commenter_of_reply(sender, post, page, **kwargs):
    if not isinstance(page, BlogPage) or post.is_question:
        return
    question = post.parent
    commenter = question.author
    if commenter.pk == post.author_id or not commenter.is_active:
        return
    notify(
        commenter,
        "blog.reply",
        context={"post": post, "page": page, "author_name": post.author.get_display_name()},
        url=f"{page.get_full_url()}#post-{post.pk}",
        language=page.locale.language_code,
        target=post,
        key=f"blog.reply:{post.pk}",
    )
