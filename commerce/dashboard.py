"""The dashboard's "My orders" panel (accounts/dashboard.py's hook)."""

from wagtail import hooks

from accounts.dashboard import DashboardPanel

from .models import Order


@hooks.register("register_dashboard_panel")
def my_orders_panel(request):
    orders = list(
        Order.objects.filter(user=request.user).exclude(status=Order.Status.PENDING).prefetch_related("lines")[:20]
    )
    if not orders:
        return None
    return DashboardPanel("commerce/dashboard/my_orders.html", {"orders": orders}, order=60)
