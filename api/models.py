"""API keys and the enrollments they asked for.

A key is ``aula_<prefix>_<secret>``. The prefix (12 hex characters) is stored plainly: it
names the key in the admin and in logs, and finds its row. The secret is 43 random
URL-safe characters (32 bytes from ``secrets``) and only its SHA-256 is stored. A slow,
salted password hash (Argon2) exists for passwords people choose and attackers can guess;
a 256-bit random secret cannot be guessed or found in a dictionary, so a plain SHA-256
is as safe for it and costs microseconds on every request instead of tens of
milliseconds (``keys.py``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CATALOG_READ = "catalog:read", _("Catalog: read courses and their details")
    ENROLLMENTS_READ = "enrollments:read", _("Enrollments: list them")
    ENROLLMENTS_WRITE = "enrollments:write", _("Enrollments: create and end them")
    PROGRESS_READ = "progress:read", _("Progress: read learners' progress and completions")
    CERTIFICATES_READ = "certificates:read", _("Certificates: read verification data")
    ORDERS_READ = "orders:read", _("Orders: read them")


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, for what (e.g. “HR system”)."))
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Empty: the key does not expire.")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} (aula_{self.prefix}_…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self):
        return not self.is_revoked and not self.is_expired

    def allows(self, scope):
        return scope in self.scopes


class IdempotentRequest(models.Model):
    """The first answer to a write made with a client's ``request_id``: the same id again
    (with the same key) gets this answer back, and does nothing else. One row per (key,
    id): two requests racing with one id are told apart by the unique constraint."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="requests")
    request_id = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request's operation and body")
    status_code = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "request_id"], name="api_one_answer_per_request_id")]

    def __str__(self):
        return f"{self.key.prefix}:{self.request_id}"
