"""Messages sent through the site's contact form (when site settings turn it on)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_CONTACT_MESSAGE_LENGTH = 5000


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        SEEN = "seen", _("Seen")
        ANSWERED = "answered", _("Answered")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=MAX_CONTACT_MESSAGE_LENGTH)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
