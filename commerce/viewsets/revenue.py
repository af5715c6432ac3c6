from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.viewsets.shared import forbidden

from ..revenue import may_see_revenue, revenue_by_item, revenue_by_month


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
