from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses.viewsets.shared import CourseRecordIndexView

from ..models import Refund
from .orders import ReadOnlyOrderPolicy

register_permission_policy(Refund, ReadOnlyOrderPolicy(Refund), exact_class=True)


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
