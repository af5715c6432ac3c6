from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import kinds, receivers

        kinds.autodiscover()  # every app's notification_kinds.py (this one's included)
        receivers.connect()
