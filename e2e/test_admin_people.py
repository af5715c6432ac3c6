"""An administrator runs the school in the Wagtail admin, in Chromium: refunds a paid order
from the orders list (development provider), opens the order's page, gives a role to a
self-registered user from their learner page and saves them in Wagtail's user form without
names, and enrolls a pasted list of addresses, reading the per-line report. Every page
passes axe (no serious or critical issue) at 1280 px and fits 390 px without sideways
scrolling."""

import os
import re
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.roles import INSTRUCTORS
from accounts.tests.factories import PASSWORD, UserFactory
from commerce.models import Order
from commerce.tests.helpers import check_out, dev_pay
from courses.models import Enrollment, Invitation
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("AULA_SCREENSHOTS", "")


@pytest.fixture
def school(settings):
    settings.AULA_DEV_PAYMENTS = True
    settings.AULA_CURRENCY = "USD"
    course = factories.publish(
        factories.build_course(title="Data visualisation", slug="data-visualisation", price=Decimal("49.00"))
    )
    admin = UserFactory(email="head@example.org", display_name="Head Teacher", is_superuser=True, is_staff=True,
                        verified=True)  # fmt: skip
    buyer = UserFactory(email="buyer@example.org", display_name="Bea Buyer", verified=True)
    shopper = Client()
    shopper.force_login(buyer)
    _response, order = check_out(shopper, course)
    dev_pay(shopper, order)
    order.refresh_from_db()
    assert order.is_paid
    return {"course": course, "admin": admin, "buyer": buyer, "order": order}


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def check_page(page, name):
    """axe at 1280 px; no sideways scrolling at 390 px; screenshots when asked for."""
    assert serious_violations(page) == [], name
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling at 390 px"


def test_an_administrator_refunds_an_order_from_the_orders_list(page, live_url, school):
    order = school["order"]
    log_in(page, live_url, "head@example.org")
    page.goto(live_url + "/admin/")
    page.get_by_role("button", name="Commerce").click()
    page.get_by_role("link", name="Orders").click()
    expect(page.get_by_role("link", name=order.number)).to_be_visible()
    check_page(page, "orders-list")

    page.get_by_role("button", name=f"More options for '{order}'").click()
    page.get_by_role("link", name="Refund").click()
    expect(page.get_by_text(f"Refund order {order.number} of buyer@example.org")).to_be_visible()
    page.get_by_role("button", name="Refund", exact=True).click()
    expect(page.get_by_text(f"Order {order.number} refunded; 1 enrollment(s) ended.")).to_be_visible()
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert not Enrollment.objects.filter(user=school["buyer"]).exists()

    page.get_by_role("link", name=order.number).click()
    expect(page.get_by_role("heading", name="Lines")).to_be_visible()
    expect(page.get_by_role("cell", name="Data visualisation")).to_be_visible()
    expect(page.get_by_role("cell", name="Refunded by staff")).to_be_visible()
    expect(page.get_by_role("button", name="Resend the receipt to the buyer")).to_be_visible()
    check_page(page, "order-page")
    page.get_by_role("button", name="Resend the receipt to the buyer").click()
    expect(page.get_by_text(f"The receipt of order {order.number} is on its way to buyer@example.org.")).to_be_visible()

    page.get_by_role("link", name="Bea Buyer").click()
    expect(page.get_by_role("heading", name="Orders")).to_be_visible()
    expect(page.get_by_role("link", name=order.number)).to_be_visible()


def test_an_administrator_gives_a_role_to_a_self_registered_user(page, live_url, school):
    newcomer = UserFactory(email="nora@example.org", display_name="Nora New", verified=False)
    log_in(page, live_url, "head@example.org")
    page.goto(live_url + "/admin/users/")
    row = page.get_by_role("row").filter(has_text="nora@example.org")
    expect(row).to_contain_text("Student")
    check_page(page, "user-list")

    row.get_by_role("link", name="Nora New").click()
    expect(page.get_by_role("heading", name="Roles")).to_be_visible()
    expect(page.get_by_text("not confirmed")).to_be_visible()
    check_page(page, "learner-page")
    page.get_by_label("Give a role").select_option(label="Instructor")
    page.get_by_role("button", name="Give the role").click()
    expect(page.get_by_text("Nora New is now: Instructor.")).to_be_visible()
    page.get_by_role("button", name="Confirm the address by hand").click()
    expect(page.get_by_text("The address nora@example.org is confirmed")).to_be_visible()
    assert newcomer.groups.filter(name=INSTRUCTORS).exists()

    page.get_by_role("link", name="Edit the account (names, password, administrator)").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("User '.*' updated"))).to_be_visible()
    newcomer.refresh_from_db()
    assert newcomer.groups.filter(name=INSTRUCTORS).exists() and newcomer.first_name == ""


def test_an_administrator_enrolls_a_list_of_addresses(page, live_url, school):
    UserFactory(email="ana@example.org", display_name="Ana")
    log_in(page, live_url, "head@example.org")
    page.goto(live_url + "/admin/")
    page.get_by_role("button", name="Learning").click()
    page.get_by_role("link", name="Enrollments").click()
    page.get_by_role("link", name="Enroll a list").click()
    page.get_by_role("combobox", name="Course").select_option(label="Data visualisation")
    page.get_by_label("E-mail addresses").fill(
        "ana@example.org\nbuyer@example.org\nfresh@example.org\nnope\nana@example.org"
    )
    page.get_by_role("button", name="Enroll the list").click()
    report = page.locator("#bulk-report")
    expect(report).to_contain_text("Enrolled")
    rows = [row.inner_text().split("\t") for row in report.locator("tbody tr").all()]
    assert [cells[2].strip() for cells in rows] == [
        "Enrolled", "Already enrolled", "Invited (no account yet)", "Not a valid e-mail address",
        "Repeats an earlier line",
    ]  # fmt: skip
    check_page(page, "bulk-enroll")
    assert Enrollment.objects.filter(user__email="ana@example.org").exists()
    assert Invitation.objects.filter(email="fresh@example.org", accepted_at=None).exists()
