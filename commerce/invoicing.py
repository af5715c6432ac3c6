"""Invoices and credit notes.

- A paid order gets one invoice (``issue_invoice``, idempotent): seller, buyer, lines at
  list price, the coupon's discount, the tax as its own line, total and currency, copied
  from the order and the site's *Invoicing* settings when it is issued.
- Money given back (a refund in full or in part, at the provider or by staff) gets a
  credit note referring to the invoice (``issue_credit_note``), in a series of its own.
- Numbers: PREFIX-YEAR-0001, one series per prefix and year, without gaps: a number is
  taken in the transaction that writes the invoice, under a row lock on the series'
  counter (``InvoiceCounter``), so two invoices issued at once get two consecutive numbers,
  and a transaction that rolls back gives its number back.
- PDFs are rendered by WeasyPrint in the background (django-q2, ``ensure_pdf``) in the
  buyer's language (money and dates formatted with Babel), kept in private storage
  (``PRIVATE_MEDIA_ROOT/invoices/``) and served by the invoice view to the buyer and staff.
"""

from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import to_locale

from caching.registry import renew_rows

from .countries import country_name
from .models import Invoice, InvoiceCounter, Order
from .money import quantize
from .tax import included_part, invoicing_settings

Kind = Invoice.Kind


def _next_number(prefix, year):
    """``(series, sequence)``: the next number of the series, under a lock on its counter
    (call it inside the transaction that saves the invoice)."""
    series = f"{prefix}-{year}"
    # The series' first invoice makes its counter: an upsert, which locks the row it finds
    # (get_or_create's insert, refused as a duplicate, takes a shared lock on MariaDB: two
    # such waiters then each wait for the other's before their FOR UPDATE, a deadlock).
    unique = ["series"] if connection.features.supports_update_conflicts_with_target else None  # MariaDB: any key
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(series=series)], update_conflicts=True, unique_fields=unique, update_fields=["series"]
    )
    counter = InvoiceCounter.objects.select_for_update().get(series=series)
    InvoiceCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return series, counter.last_number + 1


def _language(order):
    from .receipts import buyer_language

    return buyer_language(order)


def _snapshot(order, settings_, kind, now):
    prefix = settings_.invoice_prefix if kind == Kind.INVOICE else settings_.credit_note_prefix
    series, sequence = _next_number(prefix or ("INV" if kind == Kind.INVOICE else "CN"), now.year)
    return Invoice(
        kind=kind, order=order, series=series, sequence=sequence, number=f"{series}-{sequence:04d}",
        issued_at=now, language=_language(order), currency=order.currency,
        seller_name=settings_.seller_name, seller_address=settings_.seller_address,
        seller_tax_id=settings_.seller_tax_id,
        buyer_name=order.billing_name or order.user.get_display_name(), buyer_email=order.user.email,
        buyer_address=order.billing_address, buyer_country=order.billing_country, buyer_tax_id=order.billing_tax_id,
        coupon_code=order.coupon_code, tax_name=settings_.tax_name,
    )  # fmt: skip


def issue_invoice(order):
    """The invoice of paid (or since refunded) ``order``: issued now when it has none."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("user").get(pk=order.pk)
        existing = locked.invoices.filter(kind=Kind.INVOICE).first()
        if existing is not None:
            return existing
        settings_ = invoicing_settings()
        invoice = _snapshot(locked, settings_, Kind.INVOICE, timezone.now())
        invoice.lines = [
            {"title": line.title, "list_price": str(line.list_price), "discount": str(line.discount),
             "amount": str(line.amount)}
            for line in locked.lines.all()
        ]  # fmt: skip
        invoice.subtotal, invoice.discount, invoice.total = locked.subtotal, locked.discount, locked.total
        if locked.tax_rate is None:  # an order made before tax was kept: the tax inside its total
            rate = settings_.rate_for(locked.billing_country)
            invoice.tax_rate, invoice.tax, invoice.prices_include_tax = (
                rate,
                included_part(locked.total, rate, locked.currency),
                True,
            )
        else:
            invoice.tax_rate, invoice.tax = locked.tax_rate, locked.tax
            invoice.prices_include_tax = locked.total == locked.subtotal - locked.discount
        invoice.save()
    transaction.on_commit(lambda: _render_later(invoice.pk))
    return invoice


def issue_credit_note(order, amount, *, lines=(), refund=None, title=""):
    """A credit note of ``amount`` (what goes back, tax included) for ``order``'s invoice
    (issued first if it was not yet), naming the ``lines`` refunded (OrderLines) or ``title``.
    Call it inside the transaction that records the refund."""
    invoice = issue_invoice(order)
    with transaction.atomic():
        locked = Order.objects.select_related("user").get(pk=order.pk)
        note = _snapshot(locked, invoicing_settings(), Kind.CREDIT_NOTE, timezone.now())
        # The buyer and seller as on the invoice it corrects.
        for field in ("seller_name", "seller_address", "seller_tax_id", "buyer_name", "buyer_email", "buyer_address",
                      "buyer_country", "buyer_tax_id", "tax_name", "prices_include_tax", "currency"):  # fmt: skip
            setattr(note, field, getattr(invoice, field))
        amount = quantize(amount, order.currency)
        if lines:
            note.lines = [{"title": line.title, "list_price": str(line.list_price), "discount": str(line.discount),
                           "amount": str(line.amount), "line_id": line.pk} for line in lines]  # fmt: skip
        else:
            note.lines = [{"title": title, "list_price": str(amount), "discount": "0", "amount": str(amount)}]
        note.refers_to, note.refund, note.coupon_code = invoice, refund, ""
        note.tax_rate, note.tax, note.total = (
            invoice.tax_rate,
            included_part(amount, invoice.tax_rate, order.currency),
            amount,
        )
        note.subtotal = sum((Decimal(row["list_price"]) for row in note.lines), Decimal(0))
        note.discount = sum((Decimal(row["discount"]) for row in note.lines), Decimal(0))
        note.save()
    transaction.on_commit(lambda: _render_later(note.pk))
    return note


def _render_later(invoice_id):
    from django_q.tasks import async_task

    async_task("commerce.invoicing.ensure_pdf", invoice_id)


# --- The document -------------------------------------------------------------------------


def document(invoice):
    """What the PDF shows, formatted for the invoice's language with Babel."""
    locale = to_locale(invoice.language)
    currency = invoice.currency

    def money(value, negative=False):
        value = Decimal(value)
        return format_currency(-value if negative and value else value, currency, locale=locale)

    credit = invoice.is_credit_note
    lines = [
        {"title": row["title"], "list_price": money(row["list_price"], credit),
         "discount": money(row["discount"], True) if Decimal(row["discount"]) else "",
         "amount": money(row["amount"], credit)}
        for row in invoice.lines
    ]  # fmt: skip
    return {
        "invoice": invoice,
        "issued": format_date(timezone.localtime(invoice.issued_at).date(), format="long", locale=locale),
        "lines": lines,
        "subtotal": money(invoice.subtotal, credit),
        "discount": money(invoice.discount, not credit) if invoice.discount else "",
        "net": money(invoice.net, credit),
        "tax": money(invoice.tax, credit),
        "rate": format_decimal(invoice.tax_rate.normalize(), locale=locale),
        "total": money(invoice.total, credit),
        "buyer_country": country_name(invoice.buyer_country, invoice.language),
        "refers_to": invoice.refers_to,
        "refers_to_issued": (
            format_date(timezone.localtime(invoice.refers_to.issued_at).date(), format="long", locale=locale)
            if invoice.refers_to_id
            else ""
        ),
        "order": invoice.order,
        "site_url": settings.SITE_URL,
    }


def render_pdf(invoice):
    """The invoice (credit note) as PDF bytes, in its language."""
    from weasyprint import HTML

    with translation.override(invoice.language):
        html = render_to_string("commerce/invoice_pdf.html", document(invoice))
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def ensure_pdf(invoice_id):
    """Render and keep an invoice's PDF (a django-q2 task; idempotent). Returns the invoice."""
    from courses.storage import private_storage

    invoice = Invoice.objects.select_related("order", "refers_to").filter(pk=invoice_id).first()
    if invoice is None:
        return None
    if not (invoice.pdf.name and private_storage.exists(invoice.pdf.name)):
        invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(render_pdf(invoice)), save=False)
        Invoice.objects.filter(pk=invoice.pk).update(pdf=invoice.pdf.name)
        renew_rows(Order, [invoice.order])
    return invoice


def invoice_of(order):
    return order.invoices.filter(kind=Kind.INVOICE).first()
