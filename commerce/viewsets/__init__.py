"""The "Commerce" admin menu: coupons (snippet), orders (each with its page: lines, buyer,
payments, refunds, receipt; refund and resend-receipt actions; filters; CSV/XLSX export),
refunds (read-only: what went back, and why), revenue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .coupons import CouponViewSet
from .orders import OrderViewSet
from .refunds import RefundViewSet
from .revenue import RevenueView

__all__ = ["CommerceViewSetGroup", "RevenueView"]


class CommerceViewSetGroup(ViewSetGroup):
    menu_label = _("Commerce")
    menu_icon = "tag"
    menu_order = 260
    items = (CouponViewSet, OrderViewSet, RefundViewSet)
