"""The invoices and billing details of an order, for the order page
(``commerce/includes/invoices.html``), and the billing fields of the checkout form
(``commerce/includes/billing_fields.html``). Per buyer: never in shared HTML."""

from django import template

from .. import billing
from ..models import Invoice

register = template.Library()


@register.simple_tag(takes_context=True)
def order_invoicing(context, order):
    """``{"invoices": [...], "editable": bool, "form": BillingForm or None}`` of ``order``."""
    request = context.get("request")
    invoices = list(Invoice.objects.filter(order=order).order_by("issued_at", "pk"))
    is_buyer = request is not None and request.user.pk == order.user_id
    editable = is_buyer and not any(not invoice.is_credit_note for invoice in invoices) and billing.is_editable(order)
    return {
        "invoices": invoices,
        "editable": editable,
        "form": billing.BillingForm(instance=order) if editable else None,
    }


@register.simple_tag(takes_context=True)
def checkout_billing_form(context):
    request = context.get("request")
    return billing.checkout_form(request.user) if request is not None else None


@register.filter
def country_name(code):
    """The country's name in the active language: "ES" -> "Spain" ("España" in Spanish)."""
    from ..countries import country_name as name_of

    return name_of(code)
