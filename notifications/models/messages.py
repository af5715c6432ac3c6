"""Private messages between a student and the staff (owner and instructors) of a course
they are enrolled in: one ``MessageThread`` per conversation, its ``Message``s, a read
mark per participant, and the reports moderators resolve.

A thread belongs to the course (its ``translation_key``), not to one language version.
Its status: open (waiting for an answer) → answered (the question is settled; a new
message from the student opens it again) → closed (no more messages).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.storage import private_storage
from discussions.text import render_markdown

MAX_SUBJECT_LENGTH = 150
MAX_MESSAGE_LENGTH = 5000
MAX_REPORT_REASON_LENGTH = 300


class MessageThread(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    course_key = models.UUIDField(_("course key"), db_index=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("student"), on_delete=models.CASCADE, related_name="message_threads"
    )
    subject = models.CharField(_("subject"), max_length=MAX_SUBJECT_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    last_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last message by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        ordering = ["-last_message_at"]
        indexes = [models.Index(fields=["course_key", "-last_message_at"], name="message_thread_course")]

    def __str__(self):
        return self.subject

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


def attachment_path(message, filename):
    return f"messages/{message.thread.course_key}/{filename}"


class Message(models.Model):
    thread = models.ForeignKey(
        MessageThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH)
    body_html = models.TextField(editable=False, blank=True)
    attachment = models.FileField(
        _("attachment"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=255
    )
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    class Meta:
        verbose_name = _("private message")
        verbose_name_plural = _("private messages")
        ordering = ["created_at"]

    def __str__(self):
        return self.excerpt()

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def excerpt(self, length=80):
        text = " ".join(self.body.split())
        return text if len(text) <= length else text[: length - 1] + "…"

    excerpt.short_description = _("message")


class ThreadReadMark(models.Model):
    """Until when a participant has read a thread."""

    thread = models.ForeignKey(MessageThread, on_delete=models.CASCADE, related_name="read_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="message_read_mark_once")]

    def __str__(self):
        return f"{self.user_id}: {self.thread_id}"


class MessageReport(models.Model):
    """A participant asks a moderator to look at a message; the moderator hides the message
    or keeps it, and the report is resolved."""

    class Resolution(models.TextChoices):
        HIDDEN = "hidden", _("Message hidden")
        KEPT = "kept", _("Message kept")

    message = models.ForeignKey(Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=MAX_REPORT_REASON_LENGTH, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["message", "reporter"], name="message_reported_once")]

    def __str__(self):
        return str(self.message)

    @property
    def is_resolved(self):
        return self.resolved_at is not None
