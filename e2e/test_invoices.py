"""Invoices in Chromium (issue 26, items 3–4): the buyer adds billing details to a pending
order and, once paid, finds the invoice on the order page; an administrator refunds one
line of a two-course order from the refund form (a bad amount first: a message, nothing
changed), and the buyer's order page lists the credit note. axe passes at 1280 px and the
pages fit 390 px."""

import os
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from commerce.models import Invoice, Order
from commerce.tests.helpers import check_out, dev_pay
from courses.models import Enrollment
from courses.tests import factories
from e2e.test_admin_people import check_page, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("AULA_SCREENSHOTS", "")


@pytest.fixture
def shop(settings):
    settings.AULA_DEV_PAYMENTS = True
    settings.AULA_CURRENCY = "USD"
    courses = [
        factories.publish(factories.build_course(title=title, slug=slug, price=Decimal(price)))
        for title, slug, price in [("Data visualisation", "data-vis", "49.00"), ("Design basics", "design", "30.00")]
    ]
    UserFactory(email="head@example.org", display_name="Head Teacher", is_superuser=True, is_staff=True, verified=True)
    buyer = UserFactory(email="buyer@example.org", display_name="Bea Buyer", verified=True)
    return {"courses": courses, "buyer": buyer}


def test_billing_details_invoice_and_a_line_refunded_with_its_credit_note(page, live_url, shop):
    shopper = Client()
    shopper.force_login(shop["buyer"])
    _response, order = check_out(shopper, *shop["courses"])
    log_in(page, live_url, "buyer@example.org")
    page.goto(f"{live_url}/en/orders/{order.pk}/")
    page.get_by_role("link", name="Add or change billing details for the invoice").click()
    page.get_by_label("Name or company on the invoice").fill("<b>Bea</b> Buyer GmbH")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Tax ID (VAT number)").fill("DE12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This is not the shape of a VAT number of Germany.")).to_be_visible()
    check_page(page, "invoices-billing-error")
    page.get_by_label("Tax ID (VAT number)").fill("DE123456789")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#billing-details")).to_contain_text("<b>Bea</b> Buyer GmbH")  # shown as typed, escaped

    dev_pay(shopper, order)
    from commerce.receipts import send_receipt

    send_receipt(order.pk)  # the receipt job (the live server's worker is not running)
    invoice = Invoice.objects.get(order=order)
    page.reload()
    expect(page.get_by_role("link", name=f"Invoice {invoice.number} (PDF)")).to_be_visible()
    check_page(page, "invoices-order-page")

    page.context.clear_cookies()
    log_in(page, live_url, "head@example.org")
    page.goto(f"{live_url}/admin/commerce/orders/{order.pk}/refund/")
    page.get_by_label("Or an amount").fill("0")
    page.get_by_role("button", name="Refund the chosen lines or amount").click()
    expect(page.get_by_text("The amount to refund must be more than zero.")).to_be_visible()
    page.get_by_label("Or an amount").fill("")
    page.get_by_label("Design basics — $30.00").check()
    check_page(page, "invoices-admin-refund-form")
    page.get_by_role("button", name="Refund the chosen lines or amount").click()
    expect(page.get_by_text(f"Order {order.number} partly refunded")).to_be_visible()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    design, data = (course.translation_key for course in reversed(shop["courses"]))
    assert not Enrollment.objects.filter(user=shop["buyer"], course_key=design).exists()
    assert Enrollment.objects.filter(user=shop["buyer"], course_key=data).exists()
    note = Invoice.objects.get(order=order, kind=Invoice.Kind.CREDIT_NOTE)
    expect(page.get_by_role("link", name=f"Credit note {note.number}")).to_be_visible()
