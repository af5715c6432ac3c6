from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a user (or, for account e-mails, an address) was told: one declared kind
    (``notifications.kinds``), its texts rendered once in the recipient's language when it
    was made. ``in_site`` ones are listed in the recipient's notification centre; its e-mail,
    if any, is a ``Delivery``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="notifications",
    )  # fmt: skip
    email = models.EmailField(_("e-mail address"), blank=True)  # the address, for someone without an account
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML text"), blank=True)  # an HTML alternative of the e-mail, when the kind has one
    url = models.URLField(_("link"), max_length=1000, blank=True)  # absolute, on the site's own address
    language = models.CharField(_("language"), max_length=10, blank=True)
    in_site = models.BooleanField(_("shown on the site"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # What it is about (an order, a post…), for the kind's attachments and still_wanted.
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    # A caller's key for "this is told once" (a job that may run twice): a second notify()
    # with the same key makes nothing.
    key = models.CharField(_("once key"), max_length=255, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "in_site", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.subject

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def target(self):
        """The object it is about, or None (gone, or none given)."""
        if self.target_type_id is None:
            return None
        model = self.target_type.model_class()
        return model._base_manager.filter(pk=self.target_id).first() if model else None


class Delivery(models.Model):
    """One e-mail to send for a notification, sent exactly once: the job that sends it
    claims it (``status`` pending → sent) in the transaction that sends, so a job run twice
    sends once and a job cut short leaves it pending for the next run
    (``notifications.delivery``). A digest kind's deliveries to one recipient that go
    together share a ``batch``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("not needed any more")
        FAILED = "failed", _("failed")

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=20, default="email")
    address = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=100)  # the notification's, to gather digests
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    batch = models.UUIDField(_("batch"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "kind", "address"], name="delivery_waiting")]

    def __str__(self):
        return f"{self.kind} → {self.address} ({self.status})"
