"""E-mails about discussions, sent by the django-q2 cluster (never in the request)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import Post
from .policy import recipients_for

logger = logging.getLogger(__name__)


def send_question_email(post_id, language=None):
    """Tell the page's recipients (e.g. the course's instructors) about a new question.

    Queued by ``services.post_question``; each recipient gets their own message, in the
    language of the page the question was asked on (``language``), linking to that
    language version. Returns how many were sent."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or post.hidden or not post.is_question:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        page = post.thread.page()
    if page is None:
        return 0
    page = page.specific
    recipients = [user for user in recipients_for(page) if user.email and user.is_active and user.pk != post.author_id]
    if not recipients:
        return 0
    url = page.get_full_url()
    context = {
        "post": post,
        "page": page,
        "author_name": post.author.get_display_name(),
        "post_url": f"{url}#post-{post.pk}" if url else "",
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Aula"),
    }
    sent = 0
    with translation.override(page.locale.language_code):
        subject = " ".join(render_to_string("discussions/email/question_subject.txt", context).split())
        body = render_to_string("discussions/email/question_body.txt", context)
        for user in recipients:
            sent += EmailMessage(subject, body, to=[user.email]).send()
    logger.info("Discussion question %s: e-mailed %s recipient(s)", post.pk, sent)
    return sent
