from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Aula caching"

    def ready(self):
        from . import registry

        registry.connect()  # reads every app's renewals.py (this one's included)
