"""A student buys the paid course with the coupon WELCOME10 through the development
provider in Chromium: course page → Buy now → cart with the coupon → Pay (the cart is the
checkout) → the provider's (labelled) page → pay → receipt page → the paid resource opens; the receipt is
e-mailed. A program bought from its page opens every one of its courses."""

import os
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from commerce import demo
from commerce.models import Order
from commerce.tests.factories import program
from courses.models import Enrollment, ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


@pytest.fixture
def shop(settings):
    settings.AULA_DEV_PAYMENTS = True
    settings.AULA_CURRENCY = "USD"
    course = factories.publish(
        factories.build_course(title="Data visualisation", slug="data-visualisation", price=Decimal("49.00"))
    )
    demo._coupon()
    return course


def log_in(page, live_url):
    student = factories.UserFactory(email="buyer@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))
    return student


def test_a_student_buys_a_course_with_a_coupon(page, live_url, shop):
    student = log_in(page, live_url)

    page.goto(live_url + shop.url)
    expect(page.get_by_text("$49.00").first).to_be_visible()
    page.get_by_role("button", name="Buy now").click()
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    page.get_by_label("Coupon code").fill("welcome10")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Coupon applied.")).to_be_visible()
    expect(page.locator("#cart-total")).to_have_text("$44.10")
    expect(page.locator('[data-totals="subtotal"]')).to_have_text("$49.00")  # the line at its price,
    expect(page.locator('[data-totals="discount"]')).to_have_text("−$4.90")  # the coupon once, below
    assert serious_violations(page) == []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if os.environ.get("AULA_SHOTS"):
            page.screenshot(path=f"{os.environ['AULA_SHOTS']}/cart-with-coupon-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Pay with the development provider (no real money)").click()
    expect(page.get_by_text("this is not a real payment")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Pay $44.10 (simulated)").click()

    expect(page.get_by_text("Payment received: you can start learning.")).to_be_visible()
    expect(page.locator("#order-status")).to_have_text("Paid")
    expect(page.get_by_role("heading", name=re.compile("Receipt for order"))).to_be_visible()
    expect(page.locator("#order-total")).to_have_text("$44.10")
    expect(page.locator('[data-totals="subtotal"]')).to_have_text("$49.00")
    assert serious_violations(page) == []
    order = Order.objects.get(user=student)
    assert order.is_paid and order.total == Decimal("44.10") and order.coupon_code == "WELCOME10"
    assert Enrollment.objects.filter(user=student, course_key=shop.translation_key, source="purchase").exists()
    assert any(order.number in message.subject for message in mail.outbox)

    paid_resource = ResourcePage.objects.descendant_of(shop).filter(free_preview=False).first()
    page.goto(live_url + paid_resource.url)
    expect(page.get_by_role("heading", name=paid_resource.title, level=1)).to_be_visible()
    expect(page.get_by_text("Buy the course to open it")).to_have_count(0)


def test_a_program_bought_from_its_page_opens_all_its_courses(page, live_url, shop):
    design = factories.publish(
        factories.build_course(title="Interface design", slug="interface-design", price=Decimal("30.00"))
    )
    bundle = program("Data and design bundle", [shop, design], "60.00")
    student = log_in(page, live_url)

    page.goto(live_url + bundle.url)
    expect(page.get_by_role("heading", name="Data and design bundle", level=1)).to_be_visible()
    page.get_by_role("button", name="Buy the program").click()
    expect(page.locator("#cart-total")).to_have_text("$60.00")
    page.get_by_role("button", name="Pay with the development provider (no real money)").click()
    page.get_by_role("button", name="Pay $60.00 (simulated)").click()
    expect(page.locator("#order-status")).to_have_text("Paid")

    keys = set(Enrollment.objects.filter(user=student, source="program").values_list("course_key", flat=True))
    assert keys == {shop.translation_key, design.translation_key}
    for course in (shop, design):
        resource = ResourcePage.objects.descendant_of(course).filter(free_preview=False).first()
        page.goto(live_url + resource.url)
        expect(page.get_by_role("heading", name=resource.title, level=1)).to_be_visible()
