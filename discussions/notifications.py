"""E-mails about new questions, sent by the django-q2 cluster (never in the request).

Each of a page's recipients (e.g. the course's instructors) gets at most one e-mail every
``AULA_DISCUSSION_DIGEST_MINUTES``: the first question after a quiet spell is sent at once;
the ones asked while that window is open wait, and go out together in one summary when it
closes (``send_due_digests``, run every minute by a django-q2 schedule). What is still to
be told is a ``QuestionNotice`` row per (recipient, question), so a job that fails or is
lost leaves it for the next run.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.mail_language import language_of

from .models import Post, QuestionNotice
from .policy import recipients_for

logger = logging.getLogger(__name__)

DEFAULT_DIGEST_MINUTES = 10
MAX_QUESTIONS_PER_EMAIL = 20  # a summary lists this many in full and counts the rest


def digest_window():
    return timedelta(minutes=getattr(settings, "AULA_DISCUSSION_DIGEST_MINUTES", DEFAULT_DIGEST_MINUTES))


def notice_question(post_id, language=None):
    """Queued by ``services.post_question`` once the question is committed: note it for
    each of its page's recipients, and e-mail those whose window is not open. ``language``
    is the language version it was asked on (its link goes there). Returns how many
    e-mails were sent."""
    post = Post.objects.select_related("thread").filter(pk=post_id).first()
    if post is None or post.hidden or not post.is_question:
        return 0
    recipients = _recipients(post, language)
    QuestionNotice.objects.bulk_create(
        [QuestionNotice(recipient=user, post=post, language=language or "") for user in recipients],
        ignore_conflicts=True,
    )
    return send_due_digests(recipient_ids=[user.pk for user in recipients])


def send_due_digests(recipient_ids=None):
    """E-mail every recipient (of ``recipient_ids``, or all) who has questions waiting and
    no such e-mail within the window, one e-mail each; forget notices no window needs any
    more. Returns how many e-mails were sent."""
    waiting = QuestionNotice.objects.filter(sent_at=None)
    if recipient_ids is not None:
        waiting = waiting.filter(recipient_id__in=recipient_ids)
    sent = 0
    for recipient_id in waiting.order_by().values_list("recipient_id", flat=True).distinct():
        try:
            sent += _send_digest(recipient_id)
        except Exception:  # one recipient's failure (SMTP, a bad address) must not stop the others'
            logger.exception("Discussion digest for user %s not sent; the next run tries again", recipient_id)
    QuestionNotice.objects.filter(sent_at__lt=timezone.now() - digest_window()).delete()
    return sent


def _send_digest(recipient_id):
    """One e-mail to the recipient about their waiting questions, unless one went out within
    the window. The waiting notices are locked first, so two runs cannot both send them."""
    now = timezone.now()
    with transaction.atomic():
        waiting = list(
            QuestionNotice.objects.select_for_update(of=("self",))
            .filter(recipient_id=recipient_id, sent_at=None)
            .select_related("post__thread", "post__author", "recipient")
            .order_by("created", "pk")
        )
        told_lately = QuestionNotice.objects.filter(recipient_id=recipient_id, sent_at__gt=now - digest_window())
        if not waiting or told_lately.exists():
            return 0
        recipient = waiting[0].recipient
        questions = _still_to_tell(recipient, waiting) if recipient.is_active and recipient.email else []
        told = {question["notice"].pk for question in questions}
        QuestionNotice.objects.filter(pk__in=[n.pk for n in waiting if n.pk not in told]).delete()
        if not questions:
            return 0
        _email(recipient, questions)
        QuestionNotice.objects.filter(pk__in=told).update(sent_at=now)
    logger.info("Discussion questions %s: e-mailed user %s", [q["post"].pk for q in questions], recipient_id)
    return 1


def _still_to_tell(recipient, notices):
    """The notices' questions that are visible, on a page that exists, and that the
    recipient is still a recipient of, each with its page and link."""
    questions, recipients_of_page = [], {}
    for notice in notices:
        post = notice.post
        if post.hidden:
            continue
        with translation.override(notice.language or settings.LANGUAGE_CODE):
            page = post.thread.page()
            page = page.specific if page else None
            url = page.get_full_url() if page else ""
        if page is None:
            continue
        if page.pk not in recipients_of_page:
            recipients_of_page[page.pk] = {user.pk for user in recipients_for(page)}
        if recipient.pk not in recipients_of_page[page.pk]:
            continue
        questions.append(
            {
                "notice": notice,
                "post": post,
                "page": page,
                "author_name": post.author.get_display_name(),
                "post_url": f"{url}#post-{post.pk}" if url else "",
            }
        )
    return questions


def _email(recipient, questions):
    """Write to the recipient in their language (else the language the first question was
    asked in), one question in full or a summary of several."""
    with translation.override(questions[0]["notice"].language or settings.LANGUAGE_CODE):
        language = language_of(recipient)
    context = {
        "questions": questions[:MAX_QUESTIONS_PER_EMAIL],
        "count": len(questions),
        "more": max(0, len(questions) - MAX_QUESTIONS_PER_EMAIL),
        "page": questions[0]["page"],
        "minutes": int(digest_window().total_seconds() // 60),
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Aula"),
    }
    with translation.override(language):
        subject = " ".join(render_to_string("discussions/email/question_subject.txt", context).split())
        body = render_to_string("discussions/email/question_body.txt", context)
    EmailMessage(subject, body, to=[recipient.email]).send()


def _recipients(post, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        page = post.thread.page()
    if page is None:
        return []
    users = recipients_for(page.specific)
    return [user for user in users if user.email and user.is_active and user.pk != post.author_id]
