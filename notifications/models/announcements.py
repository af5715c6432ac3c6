"""Announcements: a short Markdown text from the site's editors (site-wide) or from a
course's instructors (one course), shown on the dashboard and on the course page until its
reader dismisses it or it expires, and delivered once as a notification when it is posted.

An announcement is written in one language (``language``), or for every language (blank).
A site-wide announcement in Spanish is shown to visitors reading the site in Spanish and
sent to users whose e-mails are in Spanish; one for every language is shown and sent to
all. (Why not wagtail-localize: an announcement is sent once, when it is posted, and a
translation made afterwards would reach nobody; an editor who writes for several
languages posts one announcement per language.)
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discussions.text import render_markdown

MAX_TITLE_LENGTH = 150
MAX_BODY_LENGTH = 5000


class AnnouncementQuerySet(models.QuerySet):
    def current(self, now=None):
        """Not expired."""
        now = now or timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))

    def site_wide(self):
        return self.filter(course_key__isnull=True)


class Announcement(models.Model):
    course_key = models.UUIDField(_("course key"), null=True, blank=True, db_index=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for an announcement to the whole site (editors and administrators only)."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Shown and sent only to readers of this language; leave empty for every language."),
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH)
    body = models.TextField(
        _("text"),
        max_length=MAX_BODY_LENGTH,
        help_text=_("You can use **bold**, _italics_, `code`, > quotes, lists and [links](https://example.com)."),
    )
    body_html = models.TextField(editable=False, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned announcements are shown first."))
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("After this moment it is no longer shown.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.course_key = self.course.translation_key if self.course_id else None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "course_key"}
        super().save(*args, **kwargs)

    @property
    def is_site_wide(self):
        return self.course_key is None

    def is_expired(self, now=None):
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class AnnouncementDismissal(models.Model):
    """A reader has hidden an announcement from their dashboard and course page."""

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="dismissals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("dismissed"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed announcement")
        verbose_name_plural = _("dismissed announcements")
        constraints = [models.UniqueConstraint(fields=["announcement", "user"], name="announcement_dismissed_once")]

    def __str__(self):
        return f"{self.user_id}: {self.announcement_id}"
