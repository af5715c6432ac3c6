from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Aula caching"

    def ready(self):
        from .page_cache import connect_invalidation
        from .permission_cache import connect_invalidation as connect_permissions

        connect_invalidation()
        connect_permissions()
