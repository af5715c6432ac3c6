from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """A user's choice for one kind on one channel (``notifications.kinds``); without a row
    the kind's default holds. Transactional kinds ignore it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=100)
    channel = models.CharField(_("channel"), max_length=20)
    enabled = models.BooleanField(_("on"))
    updated = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "channel"], name="notification_preference_once")]

    def __str__(self):
        return f"{self.kind}/{self.channel}: {'on' if self.enabled else 'off'}"
