from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import course_images, receivers  # noqa: F401  (receivers: invitations)
        from .learning import dashboard  # noqa: F401  (registers the dashboard panels)

        course_images.install()
