"""Invoices and credit notes (issue 26, item 3): the PDFs read back with ``pdftotext``
field by field, in English and Spanish; numbering per series without gaps; the buyer's
billing details and their bad input; tax included in or added to prices."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from babel.dates import format_date
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from commerce import invoicing
from commerce.models import CountryTaxRate, Invoice, InvoicingSettings, Order

from . import factories
from .helpers import check_out, dev_pay

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


@pytest.fixture
def seller(db):
    settings = InvoicingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.seller_name, settings.seller_tax_id = "Aula Learning SL", "ESB12345678"
    settings.seller_address = "Calle Mayor 1\n28013 Madrid"
    settings.tax_name, settings.tax_rate, settings.prices_include_tax = "VAT", Decimal("21"), True
    settings.save()
    return settings


def pay(client, *pages, coupon="", capture=None):
    _response, order = check_out(client, *pages, coupon=coupon)
    with capture(execute=True):
        dev_pay(client, order)
    order.refresh_from_db()
    return order


def pdf_text(client, order, invoice):
    response = client.get(reverse("commerce:invoice_pdf", args=[order.pk, invoice.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())  # one line, single spaces


def fill_billing(client, order, **fields):
    data = {"billing_name": "", "billing_address": "", "billing_country": "", "billing_tax_id": ""}
    data.update(fields)
    return client.post(reverse("commerce:billing", args=[order.pk]), data, follow=True)


def pending_order(client, course):
    _response, order = check_out(client, course)
    return order


@needs_pdftotext
def test_an_invoice_pdf_shows_every_field(buyer_client, buyer, course_a, seller, django_capture_on_commit_callbacks):
    factories.coupon("SAVE10")
    order = pending_order(buyer_client, course_a)
    order.delete()  # the coupon goes in first: check out again with it
    _response, order = check_out(buyer_client, course_a, coupon="SAVE10")
    fill_billing(buyer_client, order, billing_name="Bea Buyer GmbH", billing_address="Hauptstraße 5\n10115 Berlin",
                 billing_country="DE", billing_tax_id="DE123456789")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    invoice = order.invoices.get(kind=Invoice.Kind.INVOICE)
    year = timezone.now().year
    assert invoice.number == f"INV-{year}-0001"
    text = pdf_text(buyer_client, order, invoice)
    assert "Invoice" in text and f"Number: INV-{year}-0001" in text
    assert f"Date: {format_date(timezone.localtime(invoice.issued_at).date(), 'long', locale='en')}" in text
    assert "Aula Learning SL" in text and "Calle Mayor 1" in text and "28013 Madrid" in text and "ESB12345678" in text
    assert "Bea Buyer GmbH" in text and "Hauptstraße 5" in text and "Germany" in text and "DE123456789" in text
    assert buyer.email in text and order.number in text
    assert "Data course $49.00 -$4.90 $44.10" in text.replace("−", "-")  # list price, discount, amount
    assert "Subtotal (list prices) $49.00" in text
    assert "Discount (coupon SAVE10) -$4.90" in text.replace("−", "-")
    assert "Total (USD) $44.10" in text and "Currency: USD" in text
    assert "Included VAT (21 %) $7.65" in text  # 44.10 × 21 / 121
    assert "Total before tax $36.45" in text
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][0] == f"{invoice.number}.pdf"


@needs_pdftotext
def test_an_invoice_is_written_in_the_buyers_language(
    client, buyer, course_a, seller, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    client.post("/es/cart/add/", {"kind": "course", "page": course_a.pk})
    client.post("/es/checkout/")
    order = Order.objects.get()
    details = {"billing_name": "Bea", "billing_country": "ES", "billing_address": "", "billing_tax_id": "ESB7654321X"}
    client.post(f"/es/orders/{order.pk}/billing/", details)
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(client, order)
    invoice = order.invoices.get()
    assert invoice.language == "es"
    text = pdf_text(client, order, invoice)
    assert "49,00 US$" in text and "8,50 US$" in text and "40,50 US$" in text  # 49 × 21 / 121 = 8.50
    issued = format_date(timezone.localtime(invoice.issued_at).date(), "long", locale="es")  # 7 de diciembre de 2026
    assert issued in text
    assert "España" in text and "ESB7654321X" in text and "(21 %)" in text


def test_billing_details_are_escaped_checked_and_refused_when_too_long(buyer_client, course_a):
    order = pending_order(buyer_client, course_a)
    script = "<script>alert('x')</script>"
    page = fill_billing(buyer_client, order, billing_name=script, billing_address=f"Street {script}")
    html = page.content.decode()
    assert script not in html and "&lt;script&gt;" in html  # shown, escaped, never run
    order.refresh_from_db()
    assert order.billing_name == script  # kept as typed: it is text
    refusals = {
        "billing_name": ("x" * 201, "at most 200 characters"),
        "billing_address": ("x" * 501, "at most 500 characters"),
        "billing_tax_id": ("X" * 33, "at most 32 characters"),
    }
    for field, (value, message) in refusals.items():
        page = fill_billing(buyer_client, order, **{field: value})
        assert page.status_code == 200 and message in page.content.decode(), field
    page = fill_billing(buyer_client, order, billing_country="ES", billing_tax_id="ES12")
    assert "This is not the shape of a VAT number of Spain." in page.content.decode()
    page = fill_billing(buyer_client, order, billing_country="XX")
    assert "Select a valid choice" in page.content.decode()
    page = fill_billing(buyer_client, order, billing_name="Bea\x00Buyer")
    assert "Remove the control characters" in page.content.decode() or page.status_code == 200
    order.refresh_from_db()
    assert order.billing_name == script and order.billing_tax_id == "" and order.billing_country == ""


def test_a_tax_id_of_another_country_than_the_eu_is_not_checked(buyer_client, course_a):
    order = pending_order(buyer_client, course_a)
    fill_billing(buyer_client, order, billing_country="US", billing_tax_id="12-3456789")
    order.refresh_from_db()
    assert order.billing_tax_id == "123456789"


def test_billing_details_change_until_the_invoice_is_issued_and_only_by_the_buyer(
    buyer_client, course_a, django_capture_on_commit_callbacks
):
    order = pending_order(buyer_client, course_a)
    client = Client()
    client.force_login(factories.buyer())
    assert client.post(reverse("commerce:billing", args=[order.pk]), {"billing_name": "Thief"}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    assert order.invoices.exists()
    page = fill_billing(buyer_client, order, billing_name="Too late")
    assert "can no longer change" in page.content.decode()
    order.refresh_from_db()
    assert order.billing_name == ""
    html = buyer_client.get(order.get_absolute_url()).content.decode()
    assert reverse("commerce:invoice_pdf", args=[order.pk, order.invoices.get().number]) in html
    assert reverse("commerce:billing", args=[order.pk]) not in html


def test_invoices_are_numbered_in_sequence_per_series_and_a_rollback_leaves_no_gap(buyer, seller):
    orders = [
        Order.objects.create(user=buyer, currency="USD", subtotal=Decimal(10), total=Decimal(10), status="paid")
        for _n in range(3)
    ]
    first = invoicing.issue_invoice(orders[0])
    with pytest.raises(RuntimeError), transaction.atomic():
        invoicing.issue_invoice(orders[1])
        raise RuntimeError("the payment's transaction fails after the number was taken")
    second = invoicing.issue_invoice(orders[2])
    again = invoicing.issue_invoice(orders[0])  # one invoice per order
    note = invoicing.issue_credit_note(orders[2], Decimal("4"), title="Partial refund")
    year = timezone.now().year
    assert [first.number, second.number, again.number] == [f"INV-{year}-0001", f"INV-{year}-0002", f"INV-{year}-0001"]
    assert note.number == f"CN-{year}-0001" and note.refers_to == second
    seller.invoice_prefix = "B"
    seller.save()
    assert invoicing.issue_invoice(orders[1]).number == f"B-{year}-0001"  # a series of its own


def test_prices_without_tax_get_the_tax_added_at_checkout(buyer_client, course_a, seller):
    seller.prices_include_tax = False
    seller.save()
    CountryTaxRate.objects.create(settings=seller, country="DE", rate=Decimal("19"))
    order = pending_order(buyer_client, course_a)
    assert (order.tax_rate, order.tax, order.total) == (Decimal("21"), Decimal("10.29"), Decimal("59.29"))
    fill_billing(buyer_client, order, billing_country="DE")  # a country with its own rate
    order.refresh_from_db()
    assert (order.tax_rate, order.tax, order.total) == (Decimal("19"), Decimal("9.31"), Decimal("58.31"))
    assert CountryTaxRate.objects.count() == 1


def test_an_invoices_pdf_is_for_the_buyer_and_staff_only(
    buyer_client, course_a, admin_user, django_capture_on_commit_callbacks
):
    order = pay(buyer_client, course_a, capture=django_capture_on_commit_callbacks)
    client = Client()
    url = reverse("commerce:invoice_pdf", args=[order.pk, order.invoices.get().number])
    assert client.get(url).status_code == 302  # anonymous: to log in
    client.force_login(factories.buyer())
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    assert buyer_client.get(reverse("commerce:invoice_pdf", args=[order.pk, "INV-1999-9999"])).status_code == 404


def test_the_checkout_include_offers_the_last_billing_details_and_its_hook_saves_them(buyer_client, buyer, course_a):
    from django.template import Context, Template
    from django.test import RequestFactory

    from commerce import billing

    Order.objects.create(user=buyer, currency="USD", subtotal=1, total=1, billing_name="Bea Ltd", billing_country="FR")
    request = RequestFactory().get("/")
    request.user = buyer
    html = Template('{% include "commerce/includes/billing_fields.html" %}').render(Context({"request": request}))
    assert 'name="billing-billing_name"' in html and 'value="Bea Ltd"' in html and " open" in html
    order = pending_order(buyer_client, course_a)
    refused = billing.save_at_checkout(order, buyer, {"billing-billing_country": "FR", "billing-billing_tax_id": "FR1"})
    assert refused == ["Tax ID (VAT number): This is not the shape of a VAT number of France."]
    assert (
        billing.save_at_checkout(order, buyer, {"billing-billing_name": "Bea Ltd", "billing-billing_country": "FR"})
        == []
    )
    order.refresh_from_db()
    assert (order.billing_name, order.billing_country) == ("Bea Ltd", "FR")
