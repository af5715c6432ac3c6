"""Endpoints administrators register, the deliveries of events to them, and each attempt
of a delivery (time, HTTP status, an excerpt of the answer, duration)."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SECRET_PREFIX = "whsec_"


def new_secret():
    """A signing secret: 32 random bytes, hex, with a prefix that says what it is."""
    return SECRET_PREFIX + secrets.token_hex(32)


class Endpoint(models.Model):
    """A URL that receives the events it subscribed to, signed with its own secret.

    The secret is stored as it is (not hashed): Aula needs it to sign every delivery.
    Rotating it (``signing.rotate_secret``) keeps the previous one signing beside it for a
    day, so a receiver can switch without missing a delivery."""

    url = models.URLField(_("URL"), max_length=500, help_text=_("Where Aula sends the events (https in production)."))
    events = models.JSONField(_("events"), default=list, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive endpoint receives nothing; its log is kept.")
    )
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret, editable=False)
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url", "pk"]

    def __str__(self):
        return self.description or self.url

    def subscribes_to(self, event_type):
        return event_type in (self.events or [])


class Delivery(models.Model):
    """One event for one endpoint. The payload is kept as sent; each attempt signs it anew."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event ID"), help_text=_("The same for every endpoint and every attempt."))
    event_type = models.CharField(_("event"), max_length=60, db_index=True)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt_count = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event_id"], name="one_delivery_per_event")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_delivery_due")]

    def __str__(self):
        return f"{self.event_type} {self.event_id}"


class Attempt(models.Model):
    """One HTTP request of a delivery, and what came back (or why nothing did)."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    replay = models.BooleanField(_("replay"), default=False, help_text=_("Asked for in the admin."))
    started_at = models.DateTimeField(_("time"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    error = models.CharField(_("error"), max_length=255, blank=True)
    response_excerpt = models.TextField(_("response (excerpt)"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"{self.delivery} #{self.number}"
