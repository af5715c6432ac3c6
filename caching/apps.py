from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Aula caching"

    def ready(self):
        from . import registry, view_restrictions

        view_restrictions.install()  # PageQuerySet.public() without a query per listing
        registry.connect()  # reads every app's renewals.py (this one's included)
