from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"


class AulaUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with Aula's display name on its forms."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
