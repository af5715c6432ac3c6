from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            dashboard,  # noqa: F401 — registers the "Coming up" panel
            purchasable,  # noqa: F401 — master classes join commerce's registry
        )
        from .calendar import builtin_sources
        from .receivers import connect

        builtin_sources.register()
        connect()
