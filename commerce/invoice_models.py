"""Invoices and credit notes (``invoicing.py``), their numbering series and the site's
invoicing settings (seller, series prefixes, tax). Re-exported by ``commerce.models``.

An invoice is a snapshot: seller, buyer, lines and amounts are copied when it is issued,
so a later change to the settings, the buyer's profile or a course's title never changes
an invoice already issued."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from courses.storage import private_storage

from .countries import country_choices

MONEY = {"max_digits": 10, "decimal_places": 2}
RATE = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
}


@register_setting(icon="doc-full")
class InvoicingSettings(ClusterableModel, BaseSiteSetting):
    """Who sells, how invoices are numbered and what tax applies (Settings → Invoicing)."""

    seller_name = models.CharField(_("seller name"), max_length=200, blank=True)
    seller_address = models.TextField(_("seller address"), max_length=500, blank=True)
    seller_tax_id = models.CharField(_("seller tax ID"), max_length=32, blank=True)
    invoice_prefix = models.CharField(
        _("invoice number prefix"), max_length=10, default="INV",
        help_text=_("Invoices are numbered PREFIX-YEAR-0001, without gaps, one series per prefix and year."),
    )  # fmt: skip
    credit_note_prefix = models.CharField(
        _("credit note number prefix"), max_length=10, default="CN",
        help_text=_("Credit notes (refunds) have their own series: PREFIX-YEAR-0001."),
    )  # fmt: skip
    tax_name = models.CharField(_("tax name"), max_length=20, default="VAT", help_text=_("e.g. VAT, GST, IVA."))
    tax_rate = models.DecimalField(
        _("tax rate (%)"), default=Decimal("0"), help_text=_("For buyers of every country not listed below."), **RATE
    )
    prices_include_tax = models.BooleanField(
        _("prices include tax"), default=True,
        help_text=_(
            "On: the prices of courses and programs include the tax (the invoice shows the part that is tax). "
            "Off: the tax is added to them at checkout."
        ),
    )  # fmt: skip

    panels = [
        MultiFieldPanel(
            [FieldPanel("seller_name"), FieldPanel("seller_address"), FieldPanel("seller_tax_id")], heading=_("Seller")
        ),
        FieldRowPanel([FieldPanel("invoice_prefix"), FieldPanel("credit_note_prefix")], heading=_("Numbering")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("tax_name"), FieldPanel("tax_rate")]), FieldPanel("prices_include_tax")],
            heading=_("Tax"),
        ),
        InlinePanel("country_rates", label=_("Tax rate by buyer's country")),
    ]

    class Meta:
        verbose_name = _("invoicing")

    def rate_for(self, country):
        """The tax rate (percent) for a buyer of ``country`` (ISO 3166 alpha-2, or "")."""
        for row in self.country_rates.all():
            if country and row.country == country.upper():
                return row.rate
        return self.tax_rate


class CountryTaxRate(Orderable):
    settings = ParentalKey(InvoicingSettings, on_delete=models.CASCADE, related_name="country_rates")
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    rate = models.DecimalField(_("tax rate (%)"), **RATE)

    panels = [FieldRowPanel([FieldPanel("country"), FieldPanel("rate")])]

    class Meta(Orderable.Meta):
        verbose_name = _("tax rate by country")
        constraints = [models.UniqueConstraint(fields=["settings", "country"], name="commerce_tax_rate_once")]


class InvoiceCounter(models.Model):
    """The last number given in a series ("INV-2026"): locked while a number is taken, so
    numbers follow each other without gaps or duplicates."""

    series = models.CharField(max_length=40, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.series}: {self.last_number}"


class Invoice(models.Model):
    """An invoice of a paid order, or a credit note (money given back) referring to it."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    order = models.ForeignKey(
        "commerce.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoices"
    )
    refers_to = models.ForeignKey(
        "self", verbose_name=_("invoice"), null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    refund = models.OneToOneField(
        "commerce.Refund", null=True, blank=True, on_delete=models.SET_NULL, related_name="credit_note"
    )
    series = models.CharField(_("series"), max_length=40)
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=60, unique=True)
    issued_at = models.DateTimeField(_("issued"))
    language = models.CharField(_("language"), max_length=10)
    currency = models.CharField(_("currency"), max_length=3)
    seller_name = models.CharField(max_length=200, blank=True)
    seller_address = models.TextField(blank=True)
    seller_tax_id = models.CharField(max_length=32, blank=True)
    buyer_name = models.CharField(max_length=200, blank=True)
    buyer_email = models.CharField(max_length=254, blank=True)
    buyer_address = models.TextField(blank=True)
    buyer_country = models.CharField(max_length=2, blank=True)
    buyer_tax_id = models.CharField(max_length=32, blank=True)
    # [{"title", "list_price", "discount", "amount"}] as strings of Decimal
    lines = models.JSONField(default=list)
    coupon_code = models.CharField(max_length=40, blank=True)
    subtotal = models.DecimalField(_("subtotal"), **MONEY)
    discount = models.DecimalField(_("discount"), default=Decimal("0"), **MONEY)
    tax_name = models.CharField(max_length=20, blank=True)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    tax = models.DecimalField(_("tax"), default=Decimal("0"), **MONEY)
    prices_include_tax = models.BooleanField(default=True)
    total = models.DecimalField(_("total"), **MONEY)
    # Private: no URL; served by the invoice view to the buyer and staff only.
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="invoices/", blank=True, editable=False)

    class Meta:
        verbose_name = _("invoice")
        ordering = ["series", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["series", "sequence"], name="commerce_invoice_number_once"),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind="invoice"), name="commerce_one_invoice_per_order"
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def net(self):
        """The amount before tax."""
        return self.total - self.tax
