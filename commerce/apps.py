from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommerceConfig(AppConfig):
    name = "commerce"
    verbose_name = _("Commerce")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, dashboard, receivers  # noqa: F401 — checks, the "My orders" panel, cart merge

        receivers.connect()
