"""Orders in the admin: the list (each order links to its page; a row menu offers the
refund), filters by status, provider, date, course and coupon, CSV/XLSX export of what is
filtered; the order's page (lines, buyer, payments and the provider's events, refunds,
receipt, invoices and credit notes) with its actions: refund in full (``refunds.refund_order``),
refund chosen lines or an amount (``refunds.refund_part``) and resend the receipt
(``receipts.resend_receipt``, through notifications).

Superusers and holders of ``commerce.view_order`` see orders; refunding and resending a
receipt take ``commerce.refund_order`` (``may_refund``). Instructors hold neither."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy
from courses.learning.course_statistics import courses_for
from courses.viewsets.shared import CourseRecordIndexView, forbidden

from ..exceptions import CommerceError
from ..models import Coupon, Order, OrderLine
from ..receipts import HAS_RECEIPT, resend_receipt
from ..refunds import left_to_refund, line_value, refund_order, refund_part


class ReadOnlyOrderPolicy(RefusingPermissionPolicy):
    """Orders are written by checkout and the providers; never added, edited or deleted here."""

    refused = {"add", "change", "delete"}


register_permission_policy(Order, ReadOnlyOrderPolicy(Order), exact_class=True)


def may_refund(user):
    """Who refunds orders and resends receipts: superusers and ``commerce.refund_order`` holders."""
    return user.is_superuser or user.has_perm("commerce.refund_order")


def learner_url(user):
    """The buyer's learner page in the admin ("" when the people admin is not installed)."""
    try:
        return reverse("wagtailusers_users:learner", args=[user.pk])
    except NoReverseMatch:
        return ""


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Order.Status.choices)
    provider = django_filters.ChoiceFilter(label=_("Provider"), choices=Order.Provider.choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("Created"), widget=DateRangePickerWidget)
    course = django_filters.ChoiceFilter(label=_("Course"), choices=[], method="filter_course")
    coupon = django_filters.ModelChoiceFilter(label=_("Coupon"), queryset=Coupon.objects.order_by("code"))

    class Meta:
        model = Order
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            choices = [(str(c.translation_key), c.title) for c in courses_for(request.user, every=True)]
            self.filters["course"].extra["choices"] = choices

    def filter_course(self, queryset, name, value):
        """Orders with a line for the course (any language version: lines keep its key)."""
        lines = OrderLine.objects.filter(order=OuterRef("pk"), item_key=value)
        return queryset.filter(Exists(lines))


class OrderIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")

    @cached_property
    def columns(self):
        """The order number links to the order's page and carries the row's menu."""
        number = self._get_title_column_class(TitleColumn)(
            "number", label=_("Order"), accessor="number", sort_key="pk", get_url=self.get_inspect_url
        )
        return [number, *super().columns[1:]]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Order.Status.PAID and may_refund(self.request.user):
            buttons.append(
                MenuItem(_("Refund"), reverse("orders:refund", args=[instance.pk]), icon_name="undo", priority=40)
            )
        return buttons


class OrderInspectView(InspectView):
    """The order's page: its fields, lines, buyer, payments and provider events, refunds,
    receipt, and the actions the viewer may take."""

    template_name = "commerce/admin/order.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Order.objects.select_related("user", "coupon"), pk=self.pk)

    def get_page_title(self):
        return _("Order %(number)s") % {"number": self.object.number}

    def get_page_subtitle(self):
        return self.object.user.email

    def get_context_data(self, **kwargs):
        order = self.object
        context = super().get_context_data(**kwargs)
        context.update(
            order=order,
            lines=order.lines.all(),
            events=order.events.order_by("received_at"),
            refunds=order.refunds.order_by("created_at"),
            invoices=order.invoices.order_by("issued_at", "pk"),
            buyer_url=learner_url(order.user),
            has_receipt=order.status in HAS_RECEIPT,
            receipt_url=reverse("commerce:receipt_pdf", args=[order.pk]),
            may_refund=may_refund(self.request.user),
        )
        return context

    @cached_property
    def header_more_buttons(self):
        if self.object.status == Order.Status.PAID and may_refund(self.request.user):
            return [Button(_("Refund…"), url=reverse("orders:refund", args=[self.object.pk]), icon_name="undo")]
        return []


class OrderActionMixin:
    """Refunding and resending a receipt: ``may_refund`` only, checked on every request."""

    def dispatch(self, request, pk):
        if not may_refund(request.user):
            return forbidden(request, _("Only administrators refund orders and resend receipts."))
        self.order = get_object_or_404(Order.objects.select_related("user"), pk=pk)
        return super().dispatch(request, pk)


class RefundView(OrderActionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then refund through the provider (``refunds.refund_order``)."""

    template_name = "commerce/admin/refund.html"
    page_title = _("Refund an order")
    header_icon = "undo"

    def get_context_data(self, **kwargs):
        back = reverse("orders:inspect", args=[self.order.pk])
        context = {**super().get_context_data(**kwargs), "order": self.order, "index_url": back}
        return {**context, "partial_form": PartialRefundForm(order=self.order), "left": left_to_refund(self.order)}

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


class PartialRefundForm(forms.Form):
    """Chosen lines (their value goes back and the access they gave ends) or an amount
    (access is kept): never both."""

    lines = forms.ModelMultipleChoiceField(
        label=_("Lines to refund"), queryset=OrderLine.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A refunded line ends the enrollment in its course (a program: in each of its courses) at once; "
            "progress is kept. Its value, with its share of the coupon and tax, goes back."
        ),
    )  # fmt: skip
    amount = forms.DecimalField(
        label=_("Or an amount"), required=False, max_digits=10, decimal_places=2,
        help_text=_(
            "A refund of an amount only gives money back: the buyer keeps access to everything in the order. "
            "When refunds reach the order's total, the order is refunded and every enrollment it gave ends."
        ),
    )  # fmt: skip

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["lines"].queryset = order.lines.all()
        self.fields["lines"].label_from_instance = self.line_label

    def line_label(self, line):
        from courses.templatetags.course_tags import money

        if line.refunded_at:
            return _("%(title)s — refunded") % {"title": line.title}
        return f"{line.title} — {money(line_value(self.order, line), self.order.currency)}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lines") and cleaned.get("amount") is not None:
            raise forms.ValidationError(_("Choose lines or type an amount, not both."))
        if not cleaned.get("lines") and cleaned.get("amount") is None and not self.errors:
            raise forms.ValidationError(_("Choose the lines to refund, or type an amount."))
        return cleaned


class PartialRefundView(OrderActionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Refund chosen lines or an amount of a paid order (``refunds.refund_part``)."""

    template_name = "commerce/admin/refund.html"
    page_title = _("Refund an order")
    header_icon = "undo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("partial_form", PartialRefundForm(order=self.order))
        back = reverse("orders:inspect", args=[self.order.pk])
        return {**context, "order": self.order, "index_url": back, "left": left_to_refund(self.order)}

    def post(self, request, pk):
        form = PartialRefundForm(request.POST, order=self.order)
        if form.is_valid():
            try:
                refund_part(self.order, amount=form.cleaned_data["amount"], lines=form.cleaned_data["lines"])
            except CommerceError as error:
                form.add_error(None, error.message)
            else:
                done = _("Order %(number)s partly refunded; a credit note is on its way to the buyer.")
                messages.success(request, done % {"number": self.order.number})
                return redirect("orders:inspect", pk)
        return self.render_to_response(self.get_context_data(partial_form=form), status=200)


class ResendReceiptView(OrderActionMixin, View):
    """E-mail the buyer their receipt again (a POST from the order's page)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            resend_receipt(self.order)
        except CommerceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The receipt of order %(number)s is on its way to %(email)s.")
                % {"number": self.order.number, "email": self.order.user.email},
            )
        return redirect("orders:inspect", pk)


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
    filterset_class = OrderFilterSet
    exclude_form_fields = []  # never used: the policy refuses add and change
    list_display = [
        Column("number", label=_("Order"), accessor="number", sort_key="pk"),  # the title column (index view)
        Column("email", label=_("Buyer"), accessor="user.email", sort_key="user__email"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("provider", label=_("Provider"), accessor="get_provider_display", sort_key="provider"),
        Column("total", label=_("Total"), sort_key="total"),
        Column("coupon_code", label=_("Coupon")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("paid_at", label=_("Paid"), sort_key="paid_at"),
    ]
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
        "status", "currency", "subtotal", "discount", "total", "coupon_code", "provider",
        "provider_reference", "payment_reference", "language", "failure_reason", "created_at", "paid_at", "refunded_at",
    ]  # fmt: skip

    @cached_property
    def refund_view(self):
        return RefundView.as_view()

    @cached_property
    def refund_part_view(self):
        return PartialRefundView.as_view()

    @cached_property
    def resend_receipt_view(self):
        return ResendReceiptView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/refund/", self.refund_view, name="refund"),
            path("<int:pk>/refund/part/", self.refund_part_view, name="refund_part"),
            path("<int:pk>/resend-receipt/", self.resend_receipt_view, name="resend_receipt"),
        ]
