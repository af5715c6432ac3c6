"""The admin home says how the school is doing, in Chromium: as an administrator and as an
instructor the charts are drawn on their canvases (vendored Chart.js, no CDN), each with its
table fallback; the period select changes them; a course's statistics page has the same
charts. Every page passes axe (no serious or critical issue) at 1280 px and fits 390 px
without sideways scrolling. AULA_SCREENSHOTS=/some/dir keeps screenshots."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from commerce.models import Order, OrderLine
from courses.models import Enrollment
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("AULA_SCREENSHOTS", "")
CHARTS = ("revenue", "new_students", "enrollments", "completions")


@pytest.fixture
def school(settings):
    settings.AULA_CURRENCY = "USD"
    teacher = factories.instructor(email="teacher@example.org", display_name="Tess Teacher", verified=True)
    UserFactory(email="head@example.org", display_name="Head", is_superuser=True, is_staff=True, verified=True)
    course = factories.build_course(title="Data visualisation", slug="data-visualisation", owner=teacher)
    now = timezone.now()
    for number in range(12):
        student = UserFactory(email=f"learner{number}@example.org")
        when = now - timedelta(days=number * 2)
        enrollment = Enrollment.objects.create(
            user=student, course_key=course.translation_key, course=course, source="paid",
            completed_at=when if number % 3 == 0 else None,
        )  # fmt: skip
        Enrollment.objects.filter(pk=enrollment.pk).update(created_at=when)
        price = Decimal(49)
        order = Order.objects.create(
            user=student, currency="USD", subtotal=price, total=price, status=Order.Status.PAID, paid_at=when
        )
        OrderLine.objects.create(
            order=order, kind=OrderLine.Kind.COURSE, course=course, item_key=course.translation_key,
            title=course.title, list_price=Decimal(49), amount=Decimal(49),
        )  # fmt: skip
    return course


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def check_page(page, name):
    assert serious_violations(page) == [], name
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
        page.locator(".aula-figures__charts").screenshot(path=f"{SHOTS}/{name}-charts-390.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling at 390 px"


def expect_drawn(page, keys):
    """Each chart's canvas was drawn (has coloured pixels) and has its table fallback."""
    for key in keys:
        canvas = page.locator(f"canvas#figure-{key}")
        expect(canvas).to_have_attribute("data-drawn", "true")
        painted = canvas.evaluate(
            """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                      for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false; }"""
        )
        assert painted, key
        assert canvas.get_attribute("role") == "img" and canvas.get_attribute("aria-label")
        table = page.locator(f"#figure-{key}-title ~ details table")
        expect(table).to_have_count(1)
        assert table.locator("tbody tr").count() in (30, 12)


def test_the_administrator_and_an_instructor_see_the_school_in_charts(page, live_url, school):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_url, "head@example.org")
    page.goto(live_url + "/admin/")
    expect(page.get_by_role("heading", name="How the school is doing")).to_be_visible()
    expect_drawn(page, CHARTS)
    expect(page.get_by_role("link", name="Data visualisation")).to_be_visible()  # top courses
    page.get_by_text("Revenue as a table").click()
    expect(page.locator("#figure-revenue-title ~ details table")).to_contain_text("$49.00")
    check_page(page, "admin-home-administrator")

    page.get_by_label("Period").select_option("12m")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/admin/?period=12m")
    expect_drawn(page, CHARTS)

    page.context.clear_cookies()
    log_in(page, live_url, "teacher@example.org")
    page.goto(live_url + "/admin/")
    expect_drawn(page, ("revenue", "enrollments", "completions"))
    expect(page.locator("canvas#figure-new_students")).to_have_count(0)
    check_page(page, "admin-home-instructor")

    page.goto(live_url + f"/admin/learning/statistics/{school.pk}/")
    expect_drawn(page, ("revenue", "enrollments", "completions"))
    check_page(page, "course-statistics")
    assert errors == []
