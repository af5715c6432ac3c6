from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "lms_site"
    verbose_name = "Aula site"

    def ready(self):
        from django.core.signals import request_finished

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .request_ids import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="aula-forget-request-id")
