"""Programs (course bundles), coupons, orders and the payment events that settle them.

Amounts are ``Decimal`` in the order's currency (the site currency, ``AULA_CURRENCY``,
when the order was made) and are computed only on the server (``pricing.py``).
"""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching.private_responses import mark_private_unless_shared
from caching.shared_settings import SharedSiteSetting
from core.seo import SeoPage
from courses.storage import private_storage

MONEY = {"max_digits": 10, "decimal_places": 2}


class ProgramPage(SeoPage, Page):
    """A bundle of courses sold together at one price, under the catalog. Buying it enrolls
    in every course (enrollment source: program)."""

    summary = models.TextField(_("summary"), max_length=300, help_text=_("One or two sentences for the catalog card."))
    description = RichTextField(_("description"), blank=True)
    price = models.DecimalField(
        _("bundle price"), validators=[MinValueValidator(Decimal("0.01"))], default=Decimal("0.01"),
        help_text=_("In the site currency. Buyers who own some of its courses pay less (see the README)."), **MONEY,
    )  # fmt: skip

    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The design of this program's certificate; empty: the site's default."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("program_courses", label=_("Courses"), min_num=1),
    ]
    settings_panels = [
        MultiFieldPanel([FieldPanel("price"), FieldPanel("certificate_template")], heading=_("Price")),
    ] + Page.settings_panels
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("description")]
    # The price decides what a buyer pays, and the design is the program's: synchronised,
    # never overridden by a translation.
    override_translatable_fields = [
        SynchronizedField("price", overridable=False),
        SynchronizedField("certificate_template", overridable=False),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []
    catalog_card_template = "commerce/includes/program_card.html"  # shown in the catalog

    class Meta:
        verbose_name = _("program")

    @property
    def rules(self):
        """The program as authored (its source locale): its price applies in every language."""
        from .sources import source_program

        return source_program(self)

    def seo_description(self):
        return self.search_description or self.summary

    def course_keys(self):
        """Its courses' translation keys, in order: the protocol of
        ``certificates.issuing.issue_program_certificate``."""
        return [course.translation_key for course in self.course_pages()]

    def course_pages(self):
        """The program's live courses in order (as chosen, in the program's source language)."""
        rows = self.rules.program_courses.select_related("course").order_by("sort_order")
        return [row.course for row in rows if row.course is not None and row.course.live]

    def serve(self, request, *args, **kwargs):
        # The same for every anonymous visitor (Aula's page cache may share it); per user otherwise.
        return mark_private_unless_shared(request, super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from .program_page import program_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(program_page_context(self, request))
        return context


class ProgramCourse(Orderable):
    program = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="program_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("course", "courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("course of a program")
        constraints = [models.UniqueConstraint(fields=["program", "course"], name="commerce_program_course_once")]


class Coupon(ClusterableModel):
    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage off")
        FIXED = "fixed", _("Fixed amount off")

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("What buyers type; upper and lower case are the same.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    value = models.DecimalField(
        _("value"), validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Percent (1–100) or an amount in the site currency."), **MONEY,
    )  # fmt: skip
    courses = ParentalManyToManyField(
        "courses.CoursePage", verbose_name=_("courses"), blank=True, related_name="+",
        help_text=_("Leave courses and programs empty for a coupon valid on everything."),
    )  # fmt: skip
    programs = ParentalManyToManyField(ProgramPage, verbose_name=_("programs"), blank=True, related_name="+")
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    max_redemptions = models.PositiveIntegerField(
        _("maximum redemptions"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("In total, across all buyers. Empty: no limit."),
    )  # fmt: skip
    max_per_user = models.PositiveIntegerField(
        _("maximum per buyer"), null=True, blank=True, default=1, validators=[MinValueValidator(1)],
        help_text=_("Empty: no limit."),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
        MultiFieldPanel([FieldPanel("courses"), FieldPanel("programs")], heading=_("Applies to")),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("max_redemptions"), FieldPanel("max_per_user")]),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("coupon")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        self.code = normalise_code(self.code)
        if self.kind == self.Kind.PERCENT and self.value is not None and self.value > 100:
            raise ValidationError({"value": _("A percentage cannot be more than 100.")})
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("The end must come after the start.")})

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        return super().save(*args, **kwargs)

    @property
    def redemption_count(self):
        return self.redemptions.count()


def normalise_code(code):
    return (code or "").strip().upper()


class CouponRedemption(models.Model):
    """One use of a coupon, counted when its order is paid (``fulfilment.py``)."""

    coupon = models.ForeignKey(Coupon, on_delete=models.CASCADE, related_name="redemptions")
    order = models.OneToOneField("commerce.Order", on_delete=models.CASCADE, related_name="redemption")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.coupon} · {self.order}"


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", pgettext_lazy("order status", "Paid")  # not the price filter's "Paid" (not free)
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Canceled")
        REFUNDED = "refunded", _("Refunded")
        DISPUTED = "disputed", _("Disputed")

    class Provider(models.TextChoices):
        FREE = "free", _("No payment (100 % off)")
        DEV = "dev", _("Development provider (no real money)")
        STRIPE = "stripe", _("Stripe")
        PAYPAL = "paypal", _("PayPal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    currency = models.CharField(_("currency"), max_length=3)
    subtotal = models.DecimalField(_("subtotal"), **MONEY)
    discount = models.DecimalField(_("discount"), default=Decimal("0"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    coupon = models.ForeignKey(
        Coupon, verbose_name=_("coupon"), null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    coupon_code = models.CharField(_("coupon code"), max_length=40, blank=True)
    provider = models.CharField(_("provider"), max_length=10, choices=Provider.choices, blank=True)
    provider_reference = models.CharField(
        _("provider reference"), max_length=255, blank=True, help_text=_("Stripe Checkout Session or PayPal order id.")
    )
    payment_reference = models.CharField(
        _("payment reference"), max_length=255, blank=True, help_text=_("Stripe PaymentIntent or PayPal capture id.")
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    failure_reason = models.CharField(_("failure reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    # Private: no URL; served by the receipt view to the buyer and staff only.
    receipt_pdf = models.FileField(
        _("receipt PDF"), storage=private_storage, upload_to="receipts/", blank=True, editable=False
    )
    # The buyer's billing details (``billing.py``): optional, editable by the buyer until
    # the order's invoice is issued, then copied onto the invoice.
    billing_name = models.CharField(_("billing name"), max_length=200, blank=True)
    billing_address = models.TextField(_("billing address"), max_length=500, blank=True)
    billing_country = models.CharField(_("country"), max_length=2, blank=True)
    billing_tax_id = models.CharField(_("tax ID"), max_length=32, blank=True)
    # The tax in ``total`` (``tax.py``): a percentage and an amount, set at checkout.
    tax_rate = models.DecimalField(_("tax rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    tax = models.DecimalField(_("tax"), default=Decimal("0"), **MONEY)

    class Meta:
        verbose_name = _("order")
        ordering = ["-created_at"]
        permissions = [("refund_order", _("Can refund orders"))]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="commerce_order_provider_reference_once",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("commerce:order", args=[self.pk])

    @property
    def number(self):
        return f"A-{self.pk:06d}" if self.pk else "A-new"

    @property
    def is_paid(self):
        return self.status == self.Status.PAID


class OrderLine(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        PROGRAM = "program", _("Program")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    # A course, a program, or a kind another app registered (``purchasables.py``): those
    # lines have no foreign key; ``item_key`` and the title say what was bought.
    kind = models.CharField(max_length=20, choices=Kind.choices)
    course = models.ForeignKey("courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    program = models.ForeignKey(ProgramPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    item_key = models.UUIDField(help_text="translation_key of the course, program or registered item")
    title = models.CharField(_("title"), max_length=255)
    list_price = models.DecimalField(_("price"), **MONEY)
    discount = models.DecimalField(_("discount"), default=Decimal("0"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class OrderEnrollment(models.Model):
    """What paying an order did to one course: a new enrollment, or an audit upgraded (in
    place) — so that a refund ends what the order gave, and nothing else."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="enrollments_given")
    course_key = models.UUIDField()
    course = models.ForeignKey("courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.BooleanField(default=True, help_text="False: an existing (audit) enrollment upgraded")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "course_key"], name="commerce_order_enrollment_once")]

    def __str__(self):
        return f"{self.order} · {self.course_key}"


class Refund(models.Model):
    """Money given back for one payment (a provider's payment reference): by staff, by Aula
    itself (a payment that bought nothing, or nothing new), or at the provider (a refund or
    a dispute started there). One row per payment, so asking twice finds the first."""

    class Reason(models.TextChoices):
        STAFF = "staff", _("Refunded by staff")
        NOTHING_NEW = "nothing_new", _("The buyer already had everything in the order")
        ALREADY_PAID = "already_paid", _("A second payment for an order already paid")
        NOT_OPEN = "not_open", _("A payment for an order no longer open")
        NOT_FULFILLED = "not_fulfilled", _("The order could not be fulfilled")
        AT_PROVIDER = "at_provider", _("Refunded at the payment provider")
        PARTIAL = "partial", _("Partly refunded by staff")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DONE = "done", _("Refunded")
        FAILED = "failed", _("Failed: refund it at the provider")

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="refunds")
    provider = models.CharField(_("provider"), max_length=10, choices=Order.Provider.choices)
    payment_reference = models.CharField(_("payment reference"), max_length=255)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    error = models.CharField(_("provider's answer"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    # 0: the payment's whole (or remaining) amount; 1, 2…: the partial refunds staff made of it.
    part = models.PositiveSmallIntegerField(_("part"), default=0)

    class Meta:
        verbose_name = _("refund")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "payment_reference", "part"], name="commerce_refund_once_per_payment_part"
            )
        ]

    def __str__(self):
        return f"{self.order} · {self.payment_reference}"

    @property
    def is_automatic(self):
        return self.reason != self.Reason.STAFF


class PaymentEvent(models.Model):
    """Every provider event (webhook or return) is stored once: a replay finds its row and
    changes nothing."""

    provider = models.CharField(max_length=10, choices=Order.Provider.choices)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="commerce_payment_event_once")]
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.provider} {self.event_type} {self.event_id}"


class SavedCart(models.Model):
    """A signed-in user's cart kept across logins (the cart itself lives in the session)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    items = models.JSONField(default=list)
    coupon_code = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"cart of {self.user}"


def validate_publisher_id(value):
    if value and not re.match(r"^pub-\d{10,20}$", value):
        raise ValidationError(_("An AdSense publisher id looks like pub-1234567890123456."))


@register_setting(icon="tag")
class AdSettings(SharedSiteSetting, BaseSiteSetting):
    """Ads on free course pages (commerce/ads.py)."""

    adsense_publisher_id = models.CharField(
        _("AdSense publisher id"), max_length=40, blank=True, validators=[validate_publisher_id],
        help_text=_("e.g. pub-1234567890123456. Empty: no ads and no ads.txt."),
    )  # fmt: skip
    adsense_slot_id = models.CharField(
        _("AdSense ad slot id"),
        max_length=20,
        blank=True,
        help_text=_("The slot of the ad unit shown on course pages."),
    )

    panels = [FieldPanel("adsense_publisher_id"), FieldPanel("adsense_slot_id")]

    class Meta:
        verbose_name = _("ads")


from .invoice_models import CountryTaxRate, Invoice, InvoiceCounter, InvoicingSettings  # noqa: E402, F401
