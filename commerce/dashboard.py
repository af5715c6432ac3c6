"""The dashboard's "My orders" panel (accounts/dashboard.py's hook), from the user's
personal cache: saving or deleting an order renews it (receivers.py), and so does the
receipt's queryset update. The lines of a shown order never change (an order is no
longer pending)."""

from wagtail import hooks

from accounts.dashboard import DashboardPanel
from caching.personal_cache import personal_value

from .models import Order


@hooks.register("register_dashboard_panel")
def my_orders_panel(request):
    user = request.user

    def read():
        orders = Order.objects.filter(user=user).exclude(status=Order.Status.PENDING).prefetch_related("lines")
        return list(orders[:20])

    orders = personal_value(user.pk, "orders", read)
    if not orders:
        return None
    return DashboardPanel("commerce/dashboard/my_orders.html", {"orders": orders}, order=60)
