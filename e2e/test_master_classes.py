"""Master classes in Chromium: a student registers for a free class, buys a seat in a paid
one through the cart and the development provider, and sees the meeting link only in its
window (from 15 minutes before the start); the pages are axe-clean at 1280 and 390 px."""

import os
import re
from datetime import timedelta
from decimal import Decimal

import icalendar
import ics
import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from courses.tests import factories
from e2e.axe import serious_violations
from events.calendar.feeds import feed_token
from events.models import Registration
from events.tests.factories import master_class

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
LINK = "https://meet.example.org/aula-live"
SHOTS = os.environ.get("AULA_SCREENSHOTS", "")


@pytest.fixture
def classes(settings):
    settings.AULA_DEV_PAYMENTS = True
    settings.AULA_CURRENCY = "USD"
    in_three_days = timezone.now() + timedelta(days=3)
    soon = timezone.now() + timedelta(minutes=10)
    return {
        "free": master_class(title="SQL window functions, live", slug="window-functions", start=in_three_days,
                             description="<p>Ranking rows live.</p>"),
        "paid": master_class(title="Designing dashboards", slug="dashboards", price=Decimal("25.00"),
                             start=in_three_days + timedelta(days=1)),
        "soon": master_class(title="Office hours", slug="office-hours", start=soon, end=soon + timedelta(hours=1)),
    }  # fmt: skip


def log_in(page, live_url):
    student = factories.UserFactory(email="student@example.org", password=PASSWORD, time_zone="America/Lima")
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))
    return student


def check_both_widths(page, name):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert serious_violations(page) == [], f"{name} at {width}px"
        overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow, f"{name} scrolls sideways at {width}px"
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_student_registers_buys_and_joins_in_the_window(page, live_url, classes):
    page.goto(live_url + classes["free"].url)  # anonymous: the shared page
    expect(page.get_by_role("link", name="Log in to register")).to_be_visible()
    check_both_widths(page, "master-class-anonymous")

    student = log_in(page, live_url)
    page.goto(live_url + classes["free"].url)
    expect(page.get_by_text("(America/Lima)").first).to_be_visible()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered for “SQL window functions, live”.")).to_be_visible()
    expect(page.get_by_text("The meeting link appears here 15 minutes before the start.")).to_be_visible()
    expect(page.locator("#meeting-link")).to_have_count(0)
    check_both_widths(page, "master-class-registered")

    page.goto(live_url + classes["paid"].url)
    page.get_by_role("button", name="Buy a seat").click()
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    expect(page.locator("#cart-total")).to_have_text("$25.00")
    page.get_by_role("button", name="Pay with the development provider (no real money)").click()
    page.get_by_role("button", name="Pay $25.00 (simulated)").click()
    expect(page.locator("#order-status")).to_have_text("Paid")
    page.goto(live_url + classes["paid"].url)
    expect(page.locator("#registration-state")).to_have_text("You are registered.")

    page.goto(live_url + classes["soon"].url)
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#meeting-link")).to_have_attribute("href", LINK)
    check_both_widths(page, "master-class-in-window")

    statuses = dict(Registration.objects.filter(user=student).values_list("master_class__slug", "status"))
    assert statuses == {"window-functions": "registered", "dashboards": "registered", "office-hours": "registered"}

    # The free and the paid class are in the student's personal feed, read by two parsers.
    feed = page.request.get(f"{live_url}/calendar/feed/{feed_token(student)}.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    by_icalendar = {str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    by_ics = {event.name for event in ics.Calendar(body).events}
    assert by_icalendar == by_ics == {"SQL window functions, live", "Designing dashboards", "Office hours"}


def test_the_list_page_is_accessible(page, live_url, classes):
    page.goto(live_url + classes["free"].get_parent().url)
    expect(page.get_by_role("heading", name="Upcoming")).to_be_visible()
    check_both_widths(page, "master-class-list")
