from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "lms_site"
    verbose_name = "Aula site"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
