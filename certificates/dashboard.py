"""The dashboard's "My certificates" panel."""

from wagtail import hooks

from accounts.dashboard import DashboardPanel

from .models import Certificate


@hooks.register("register_dashboard_panel")
def my_certificates_panel(request):
    if not request.user.is_authenticated:
        return None
    certificates = list(Certificate.objects.filter(user=request.user).order_by("-issued_at"))
    if not certificates:
        return None
    return DashboardPanel("certificates/dashboard/my_certificates.html", {"certificates": certificates}, order=30)
