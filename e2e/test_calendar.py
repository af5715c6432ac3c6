"""The calendar in Chromium: a student sees their live session in the month and list views,
copies their feed address, downloads one event's .ics; axe-clean and no sideways scroll at
1280 and 390 px. Pass ``--screenshots DIR`` … or read them in /tmp/calendar-*.png."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from courses.learning import enrollment
from courses.tests import factories
from events.tests.calendar import factories as event_factories

from .axe import serious_violations
from .conftest import drain_live_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def student_with_a_session(live_url):
    course = factories.build_course(title="Astronomy", slug="astronomy", price=0)
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=18, minute=0, second=0, microsecond=0)
    resource = event_factories.live_session_resource(course, start=start, title="Star party")
    event_factories.calendar_page()
    student = factories.UserFactory(email="stargazer@example.org", password=PASSWORD, verified=True)
    enrollment.enroll(student, course, enrollment.Source.FREE)
    return start, resource.url


def new_page(browser, size):
    context = browser.new_context(
        viewport=SIZES[size], locale="en-US", permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(15000)
    return context, context.new_page()


def log_in(page, live_url):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill("stargazer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_student_calendar_month_list_feed_and_download(browser, live_url, student_with_a_session, size, tmp_path):
    start, resource_url = student_with_a_session
    context, page = new_page(browser, size)
    try:
        log_in(page, live_url)
        assert page.get_by_role("heading", name="Coming up").is_visible()

        page.goto(live_url + resource_url)
        assert page.get_by_role("heading", name="Star party").first.is_visible()
        assert page.get_by_role("link", name=re.compile("Add to calendar")).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_violations(page) == []
        page.screenshot(path=f"/tmp/calendar-live-session-{size}.png", full_page=True)

        page.goto(f"{live_url}/en/calendar/?month={start:%Y-%m}")
        assert page.get_by_role("heading", name=start.strftime("%B %Y")).is_visible()
        assert page.get_by_role("link", name=re.compile("Star party")).first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_violations(page) == []
        page.screenshot(path=f"/tmp/calendar-month-{size}.png", full_page=True)

        page.get_by_role("button", name="Copy").click()
        expect(page.locator("#calendar-feed-status")).to_have_text("Address copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert re.fullmatch(rf"{re.escape(live_url)}/calendar/feed/[A-Za-z0-9_-]+\.ics", copied)

        page.get_by_role("link", name="List").click()
        assert page.get_by_role("heading", name="Coming up").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_violations(page) == []
        page.screenshot(path=f"/tmp/calendar-list-{size}.png", full_page=True)

        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("Add to calendar.*Star party")).click()
        body = Path(download.value.path()).read_bytes()
        (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Star party" and event.decoded("DTSTART") == start

        feed = page.request.get(copied)
        assert feed.status == 200 and b"Star party" in feed.body()
    finally:
        context.close()
        drain_live_server(live_url)
