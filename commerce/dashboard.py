"""The dashboard's "My orders" panel (accounts/dashboard.py's hook), rendered and kept in the
user's personal cache: saving or deleting an order renews it (receivers.py), and so does the
receipt's queryset update. The lines of a shown order never change (an order is no longer
pending)."""

from wagtail import hooks

from accounts.dashboard import kept_panel

from .models import Order


@hooks.register("register_dashboard_panel")
def my_orders_panel(request):
    user = request.user

    def read():
        orders = Order.objects.filter(user=user).exclude(status=Order.Status.PENDING).prefetch_related("lines")
        orders = list(orders[:20])
        return {"orders": orders} if orders else None

    return kept_panel(request, "orders", "commerce/dashboard/my_orders.html", read, order=60)
