"""A discussion per page: one Thread, its Posts (questions and one level of replies) and
the Flags people raise on posts.

A thread is keyed by the page's ``translation_key``, so every language version of a page
shares one discussion. The app knows nothing about courses: what a user may do is asked
of the page (see ``policy.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.localized import page_in_active_language

from .text import render_markdown

MAX_POST_LENGTH = 5000
MAX_FLAG_REASON_LENGTH = 300


class Thread(models.Model):
    page_key = models.UUIDField(_("page"), unique=True, editable=False)
    locked = models.BooleanField(_("locked"), default=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")

    def __str__(self):
        page = self.page()
        return page.title if page else str(self.page_key)

    def page(self):
        """The page this thread belongs to, in the active language when it exists."""
        return page_in_active_language(Page.objects.all(), self.page_key)


class Post(models.Model):
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="discussion_posts"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("text"), max_length=MAX_POST_LENGTH)
    body_html = models.TextField(editable=False)
    created = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    # Held for a moderator's approval (the page's policy says whose posts are: policy.py);
    # shown only to its author and the page's moderators until approved.
    held = models.BooleanField(_("awaiting approval"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        indexes = [
            # The page's listing: a thread's questions newest first, each question's replies.
            models.Index(fields=["thread", "parent", "-created"], name="discussion_post_listing"),
        ]

    def __str__(self):
        return self.excerpt()

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_question(self):
        return self.parent_id is None

    def excerpt(self, length=80):
        text = " ".join(self.body.split())
        return text if len(text) <= length else text[: length - 1] + "…"

    excerpt.short_description = _("post")


class Flag(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=MAX_FLAG_REASON_LENGTH, blank=True)
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="discussion_flag_once_per_user")]

    def __str__(self):
        return str(self.post)
