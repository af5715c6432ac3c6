"""The "Commerce" admin menu: coupons (snippet), orders (read-only, CSV export, refunds),
refunds (read-only: what went back, and why), revenue."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from core.permission_policies import RefusingPermissionPolicy
from courses.viewsets.shared import CourseRecordIndexView, forbidden

from .exceptions import CommerceError
from .models import Coupon, Order, Refund
from .refunds import refund_order
from .revenue import may_see_revenue, revenue_by_item, revenue_by_month


class ReadOnlyOrderPolicy(RefusingPermissionPolicy):
    """Orders are written by checkout and the providers; never added, edited or deleted here."""

    refused = {"add", "change", "delete"}


register_permission_policy(Order, ReadOnlyOrderPolicy(Order), exact_class=True)
register_permission_policy(Refund, ReadOnlyOrderPolicy(Refund), exact_class=True)


def may_refund(user):
    return user.is_superuser or user.has_perm("commerce.refund_order")


class CouponViewSet(SnippetViewSet):
    model = Coupon
    icon = "tag"
    menu_label = _("Coupons")
    list_display = ["code", "kind", "value", "max_redemptions", "redemption_count", "valid_until", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code"]
    url_prefix = "commerce/coupons"


class OrderIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Order.Status.PAID and may_refund(self.request.user):
            buttons.append(
                MenuItem(_("Refund"), reverse("orders:refund", args=[instance.pk]), icon_name="undo", priority=40)
            )
        return buttons


class OrderInspectView(InspectView):
    """The order, and what happened to each of its payments' money."""

    def get_field_label(self, field_name, field):
        if field_name == "refunds":
            return _("Refunds")
        return super().get_field_label(field_name, field)

    def get_refunds_display_value(self):
        rows = [
            f"{refund.get_provider_display()} {refund.payment_reference}: {refund.get_reason_display()} — "
            f"{refund.get_status_display()}" + (f" ({refund.error})" if refund.error else "")
            for refund in self.object.refunds.all()
        ]
        return "; ".join(rows) or "-"


class RefundView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then refund through the provider (``refunds.refund_order``)."""

    template_name = "commerce/admin/refund.html"
    page_title = _("Refund an order")
    header_icon = "undo"

    def dispatch(self, request, pk):
        if not may_refund(request.user):
            return forbidden(request, _("Only administrators refund orders."))
        self.order = get_object_or_404(Order.objects.select_related("user"), pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "order": self.order, "index_url": reverse("orders:index")}

    def post(self, request, pk):
        try:
            ended = refund_order(self.order)
        except CommerceError as error:
            messages.error(request, error.message)
            return redirect("orders:refund", pk)
        messages.success(
            request,
            _("Order %(number)s refunded; %(count)s enrollment(s) ended.")
            % {"number": self.order.number, "count": ended},
        )
        return redirect("orders:index")


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "form"
    menu_label = _("Orders")
    url_prefix = "commerce/orders"
    name = "orders"
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    ordering = ["-created_at"]
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    exclude_form_fields = []  # never used: the policy refuses add and change
    list_display = [
        Column("number", label=_("Order"), accessor="number", sort_key="pk"),
        Column("email", label=_("Buyer"), accessor="user.email", sort_key="user__email"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("provider", label=_("Provider"), accessor="get_provider_display", sort_key="provider"),
        Column("total", label=_("Total"), sort_key="total"),
        Column("coupon_code", label=_("Coupon")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("paid_at", label=_("Paid"), sort_key="paid_at"),
    ]
    list_filter = {"status": ["exact"], "provider": ["exact"], "created_at": ["gte", "lte"]}
    search_fields = ["user__email", "provider_reference", "payment_reference", "coupon_code"]
    list_export = [
        "number", "user.email", "get_status_display", "get_provider_display", "currency", "subtotal", "discount",
        "total", "coupon_code", "provider_reference", "payment_reference", "created_at", "paid_at", "refunded_at",
    ]  # fmt: skip
    export_headings = {
        "number": _("Order"), "user.email": _("Buyer"), "get_status_display": _("Status"),
        "get_provider_display": _("Provider"), "currency": _("Currency"), "subtotal": _("Subtotal"),
        "discount": _("Discount"), "total": _("Total"), "coupon_code": _("Coupon"),
        "provider_reference": _("Provider reference"), "payment_reference": _("Payment reference"),
        "created_at": _("Created"), "paid_at": _("Paid"), "refunded_at": _("Refunded"),
    }  # fmt: skip
    export_filename = "orders"
    inspect_view_fields = [
        "user", "status", "currency", "subtotal", "discount", "total", "coupon_code", "provider",
        "provider_reference", "payment_reference", "language", "failure_reason", "created_at", "paid_at", "refunded_at",
        "refunds",
    ]  # fmt: skip

    @cached_property
    def refund_view(self):
        return RefundView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/refund/", self.refund_view, name="refund")]


class RefundIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("order__user")


class RefundViewSet(ModelViewSet):
    """Every payment given back — by staff, by Aula itself (a payment that bought nothing
    new), or at the provider — and whether the provider did it: a failed one is refunded by
    hand at the provider."""

    model = Refund
    icon = "undo"
    menu_label = _("Refunds")
    url_prefix = "commerce/refunds"
    name = "refunds"
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    ordering = ["-created_at"]
    index_view_class = RefundIndexView
    exclude_form_fields = []  # never used: the policy refuses add and change
    list_display = [
        Column("order", label=_("Order"), accessor="order.number", sort_key="order_id"),
        Column("email", label=_("Buyer"), accessor="order.user.email", sort_key="order__user__email"),
        Column("provider", label=_("Provider"), accessor="get_provider_display", sort_key="provider"),
        Column("payment_reference", label=_("Payment reference")),
        Column("amount", label=_("Amount"), sort_key="amount"),
        Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("error", label=_("Provider's answer")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    list_filter = {"status": ["exact"], "reason": ["exact"], "provider": ["exact"]}
    search_fields = ["order__user__email", "payment_reference"]


class RevenueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commerce/admin/revenue.html"
    page_title = _("Revenue")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_revenue(request.user):
            return forbidden(request, _("Revenue is for administrators and instructors."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "by_item": revenue_by_item(user),
            "by_month": revenue_by_month(user),
        }


class CommerceViewSetGroup(ViewSetGroup):
    menu_label = _("Commerce")
    menu_icon = "tag"
    menu_order = 260
    items = (CouponViewSet, OrderViewSet, RefundViewSet)
