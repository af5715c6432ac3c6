"""The buyer's billing details on an order (name, address, country, tax ID): optional at
checkout, editable by the buyer until the order's invoice is issued (``invoicing.py``),
then copied onto the invoice. A tax ID of an EU country must have the shape of that
country's VAT numbers (no network lookup)."""

import unicodedata

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .countries import country_choices, normalise_tax_id, vat_shape_is_wrong
from .exceptions import CommerceError
from .models import Invoice, Order
from .tax import apply_tax

FIELDS = ["billing_name", "billing_address", "billing_country", "billing_tax_id"]


class BillingError(CommerceError):
    pass


def _no_control_characters(value):
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t" for char in value):
        raise forms.ValidationError(_("Remove the control characters from this field."))
    return value


class BillingForm(forms.ModelForm):
    """The four billing fields, each optional (``prefix``: the checkout's form may hold it)."""

    billing_country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    class Meta:
        model = Order
        fields = FIELDS
        labels = {
            "billing_name": gettext_lazy("Name or company on the invoice"),
            "billing_address": gettext_lazy("Billing address"),
            "billing_tax_id": gettext_lazy("Tax ID (VAT number)"),
        }
        help_texts = {"billing_tax_id": gettext_lazy("Optional. An EU VAT number starts with its country code.")}
        widgets = {"billing_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["billing_country"].choices = [("", "—")] + country_choices()
        self.fields["billing_country"].widget.attrs["autocomplete"] = "country"
        self.fields["billing_name"].widget.attrs["autocomplete"] = "billing name"
        self.fields["billing_address"].widget.attrs["autocomplete"] = "billing street-address"

    def clean_billing_name(self):
        return _no_control_characters(self.cleaned_data["billing_name"].strip())

    def clean_billing_address(self):
        return _no_control_characters(self.cleaned_data["billing_address"].strip())

    def clean_billing_tax_id(self):
        value = normalise_tax_id(_no_control_characters(self.cleaned_data["billing_tax_id"]))
        if value and not value.isalnum():
            raise forms.ValidationError(_("A tax ID has only letters and digits."))
        return value

    def clean(self):
        cleaned = super().clean()
        country, tax_id = cleaned.get("billing_country") or "", cleaned.get("billing_tax_id") or ""
        if tax_id and vat_shape_is_wrong(tax_id, country):
            self.add_error(
                "billing_tax_id",
                _("This is not the shape of a VAT number of %(country)s.")
                % {"country": dict(country_choices())[country]},
            )
        return cleaned


def is_editable(order):
    """The buyer may change the billing details until the invoice is issued."""
    return (
        order.status in (Order.Status.PENDING, Order.Status.PAID)
        and not Invoice.objects.filter(order=order, kind=Invoice.Kind.INVOICE).exists()
    )


def update_billing(order, user, data, prefix=None):
    """Save the billing details posted by ``order``'s buyer. Returns the bound form (its
    errors when refused, nothing saved); raises BillingError when the order is not theirs
    or its invoice is issued already. A pending order not yet sent to a provider gets its
    tax again (the country may change the rate)."""
    if order.user_id != user.pk:
        raise BillingError(_("Only the buyer changes an order's billing details."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not is_editable(locked):
            raise BillingError(_("The invoice is issued: its billing details can no longer change."))
        form = BillingForm(data, instance=locked, prefix=prefix)
        if not form.is_valid():
            return form
        form.save()
        if locked.status == Order.Status.PENDING and not locked.provider_reference:
            apply_tax(locked)
    order.refresh_from_db()
    return form


def checkout_form(user):
    """The billing fields for the checkout form (prefix ``billing``), filled in with the
    details of the buyer's last order that had some."""
    last = (
        Order.objects.filter(user=user).exclude(billing_name="", billing_address="", billing_tax_id="").first()
        if user.is_authenticated
        else None
    )
    initial = {name: getattr(last, name) for name in FIELDS} if last else {}
    return BillingForm(initial=initial, prefix="billing")


def refusals_at_checkout(data):
    """What is wrong with the billing fields posted with the checkout form, as sentences
    (none when they are fine or left empty): checked before the order is placed."""
    if not any(data.get(f"billing-{name}") for name in FIELDS):
        return []
    form = BillingForm(data, prefix="billing")
    return [f"{form.fields[name].label}: {error}" for name, errors in form.errors.items() for error in errors]


def save_at_checkout(order, user, data):
    """The checkout view's hook: save the billing fields posted with the checkout form
    (prefix ``billing``) on the order it made. Returns the refusals as sentences for
    messages (nothing saved then; the buyer can correct them on the order's page)."""
    if not any(data.get(f"billing-{name}") for name in FIELDS):
        return []
    try:
        form = update_billing(order, user, data, prefix="billing")
    except BillingError as error:
        return [error.message]
    return [f"{form.fields[name].label}: {error}" for name, errors in form.errors.items() for error in errors]
