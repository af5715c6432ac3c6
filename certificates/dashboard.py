"""The dashboard's "My certificates" panel, rendered and kept in the user's personal cache:
issuing, revoking, a new PDF or a changed setting renews it (receivers.py, and each queryset
update)."""

from wagtail import hooks

from accounts.dashboard import kept_panel

from .models import Certificate


@hooks.register("register_dashboard_panel")
def my_certificates_panel(request):
    if not request.user.is_authenticated:
        return None

    def read():
        certificates = list(Certificate.objects.filter(user=request.user).order_by("-issued_at"))
        return {"certificates": certificates} if certificates else None

    return kept_panel(request, "certificates", "certificates/dashboard/my_certificates.html", read, order=30)
