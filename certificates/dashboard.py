"""The dashboard's "My certificates" panel, from the user's personal cache: issuing,
revoking, a new PDF or a changed setting renews it (receivers.py, and each queryset
update)."""

from wagtail import hooks

from accounts.dashboard import DashboardPanel
from caching.personal_cache import personal_value

from .models import Certificate


@hooks.register("register_dashboard_panel")
def my_certificates_panel(request):
    if not request.user.is_authenticated:
        return None
    user = request.user
    certificates = personal_value(
        user.pk, "certificates", lambda: list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    )
    if not certificates:
        return None
    return DashboardPanel("certificates/dashboard/my_certificates.html", {"certificates": certificates}, order=30)
