"""Finishing a course on a phone and on a desktop: the lesson's outline within reach of a
"Contents" button (keyboard too) without scrolling past the discussion; the dashboard's
orders show status and total at 390 px; the completion page celebrates, with the
certificate's copyable verification link. Screenshots in /tmp/shots/finishing/."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from playwright.sync_api import expect

from certificates.tests.factories import complete_course
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
SHOTS = Path("/tmp/shots/finishing")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def student(db):
    user = factories.UserFactory(email="finisher@example.org", password=PASSWORD, display_name="Fina Finisher")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def course(db):
    return factories.build_course(
        title="Watercolour basics", slug="watercolour", price=0, sections=3, resources_per_section=4,
        free_preview_first=False,
    )  # fmt: skip


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def in_viewport(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    inside = box is not None and box["y"] >= 0 and box["x"] + box["width"] <= size["width"]
    return inside and box["y"] + box["height"] <= size["height"]


def wait_in_viewport(page, locator):
    """The page scrolls smoothly to a target: wait for it to arrive."""
    for _ in range(100):
        if in_viewport(page, locator):
            return True
        page.wait_for_timeout(100)
    return False


def test_a_lessons_outline_is_in_reach_on_a_phone(page, live_url, student, course):
    enroll(student, course, Source.FREE)
    lesson = ResourcePage.objects.descendant_of(course).order_by("path").first()
    log_in(page, live_url, student.email)
    page.set_viewport_size(PHONE)
    page.goto(live_url + lesson.url)
    contents = page.get_by_role("link", name="Contents")
    expect(contents).to_be_visible()
    assert in_viewport(page, contents)
    # Still in reach further down, over the discussion.
    discussion = page.locator("#discussion-heading")
    discussion.scroll_into_view_if_needed()
    assert in_viewport(page, discussion)
    assert in_viewport(page, contents)  # the button is still there, over the discussion
    page.evaluate("window.scrollTo(0, 0)")
    # With the keyboard: focus the button, Enter, and the outline is where focus is.
    contents.focus()
    page.keyboard.press("Enter")
    outline_heading = page.get_by_role("heading", name="Course outline")
    expect(outline_heading).to_be_focused()
    assert wait_in_viewport(page, outline_heading)
    assert no_sideways_scroll(page)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "resource-390")
    assert serious_violations(page) == []
    page.set_viewport_size(DESKTOP)
    expect(contents).to_be_hidden()  # beside the lesson on a desktop: no button
    expect(outline_heading).to_be_visible()
    shoot(page, "resource-1280")


def test_the_dashboards_orders_show_status_and_total_on_a_phone(page, live_url, student, course):
    from commerce.models import Order, OrderLine

    order = Order.objects.create(
        user=student, status=Order.Status.REFUNDED, currency="USD",
        subtotal=Decimal("1249.00"), total=Decimal("1249.00"),
    )  # fmt: skip
    OrderLine.objects.create(
        order=order, kind=OrderLine.Kind.COURSE, item_key=course.translation_key,
        title="A course with a rather long title about watercolour techniques", list_price=Decimal("1249.00"),
        amount=Decimal("1249.00"),
    )  # fmt: skip
    log_in(page, live_url, student.email)
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/en/dashboard/")
    row = page.locator(f'[data-aula-order="{order.number}"]')
    expect(row).to_be_visible()
    for cell in ("td:nth-child(2)", "[data-aula-order-total]"):
        box = row.locator(cell).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], cell
    expect(row.locator("td:nth-child(2)")).to_have_text("Refunded")
    expect(row.locator("[data-aula-order-total]")).to_contain_text("1,249.00")
    region = "document.querySelector('#my-orders-heading').nextElementSibling"
    assert page.evaluate(f"{region}.scrollWidth <= {region}.clientWidth")
    assert no_sideways_scroll(page)
    row.scroll_into_view_if_needed()
    shoot(page, "dashboard-390")
    page.set_viewport_size(DESKTOP)
    shoot(page, "dashboard-1280")


def test_the_completion_page_celebrates_with_a_copyable_link(page, live_url, student, course):
    other = factories.build_course(title="Colour theory", slug="colour-theory", price=0)
    complete_course(student, course)  # the certificate's PDF is rendered by the queue (in-process)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url)
    log_in(page, live_url, student.email)
    for size, name in ((PHONE, "390"), (DESKTOP, "1280")):
        page.set_viewport_size(size)
        page.goto(live_url + reverse("course_completed", args=[course.pk]))
        expect(page.get_by_role("heading", name="Congratulations!", level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="Your certificate")).to_be_visible()
        expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_have_attribute(
            "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?startTask=CERTIFICATION_NAME&")
        )
        expect(page.get_by_role("link", name=other.title)).to_be_visible()
        assert no_sideways_scroll(page)
        shoot(page, f"completed-{name}")
    link = page.get_by_label("Verification link").input_value()
    assert "/certificates/verify/" in link
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert serious_violations(page) == []
