from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Coupon


class CouponViewSet(SnippetViewSet):
    model = Coupon
    icon = "tag"
    menu_label = _("Coupons")
    list_display = ["code", "kind", "value", "max_redemptions", "redemption_count", "valid_until", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code"]
    url_prefix = "commerce/coupons"
