"""The translation journey of a 7-page course (a course, 2 sections, 4 resources), counted:
a translator starts it from the explorer, translates every text of every page in
wagtail-localize's editor going from page to page with "Next untranslated page", and submits
the course for review once. Issue 27 measured 91 interactions and 14 page loads for it
before the course translation page existed; this test counts it now and keeps it below."""

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from accounts.roles import TRANSLATORS
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
BEFORE = {"interactions": 91, "loads": 14}  # issue 27, before the course translation page


class Journey:
    """Counts what the translator does (clicks, typing, ticks) and the pages the browser loads."""

    def __init__(self, page):
        self.page, self.interactions, self.loads = page, 0, 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def click(self, locator):
        self.interactions += 1
        locator.click()

    def fill(self, locator, text):
        self.interactions += 1
        locator.fill(text)


@pytest.fixture
def course(locales):
    course = factories.build_course(
        title="Astronomy", slug="astronomy", sections=2, resources_per_section=2,
        cover_image=wagtail_factories.ImageFactory(),
    )  # fmt: skip
    assert Page.objects.descendant_of(course, inclusive=True).count() == 7
    return factories.publish(course)


def log_in(page, live_url):
    account = factories.UserFactory(email="translator@aula.test", password=PASSWORD, groups=[TRANSLATORS])
    EmailAddress.objects.create(user=account, email=account.email, verified=True, primary=True)
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def translate_every_text(journey):
    page = journey.page
    expect(page.locator(".js-translation-editor li").first).to_be_visible()
    to_translate = page.locator("li.incomplete").filter(has=page.get_by_role("button", name="Translate"))
    number = 0
    while to_translate.count():
        number += 1  # pinned: once opened, the segment no longer matches ``to_translate``
        to_translate.first.evaluate("(element, number) => { element.dataset.journey = number; }", str(number))
        segment = page.locator(f'li[data-journey="{number}"]')
        journey.click(segment.get_by_role("button", name="Translate"))
        journey.fill(segment.locator("textarea"), "Traduction")
        with page.expect_response(lambda r: "/strings/" in r.url and r.request.method in ("PUT", "POST")):
            journey.click(segment.get_by_role("button", name="Save"))
        expect(segment.locator("textarea")).to_have_count(0)


def test_a_translator_translates_a_seven_page_course_from_one_place(page, live_url, course):
    log_in(page, live_url)
    journey = Journey(page)
    page.goto(f"{live_url}/admin/pages/{course.get_parent().pk}/")
    journey.loads = 1  # the explorer, where the journey starts
    journey.click(page.get_by_role("button", name="More options for 'Astronomy'"))
    journey.click(page.get_by_role("link", name="Translate this page"))
    journey.click(page.get_by_label("French"))
    journey.click(page.get_by_role("button", name="Submit"))

    for number in range(7):
        if number == 0:  # the editor as a translator finds it: the course's progress above, Aula's footer below
            expect(page.locator(".js-translation-editor li").first).to_be_visible()
            page.screenshot(path="/tmp/shots/slides/localize-editor.png", full_page=True)
        translate_every_text(journey)
        journey.click(page.get_by_role("link", name="Next untranslated page"))
        page.wait_for_load_state()
        if page.get_by_text("Every page of this course is translated.").first.is_visible():
            break
    expect(page.get_by_text("7 of 7 pages translated from English.")).to_be_visible()
    page.screenshot(path="/tmp/shots/slides/course-translation.png", full_page=True)
    journey.click(page.get_by_role("link", name="Astronomy", exact=True))
    journey.click(page.get_by_role("button", name="Submit for review"))
    expect(page.get_by_text("was submitted for review")).to_be_visible()

    french = course.get_translation(Locale.objects.get(language_code="fr"))
    french.refresh_from_db()
    assert french.workflow_in_progress
    print(f"\nTranslation journey of a 7-page course: {journey.interactions} interactions, {journey.loads} page loads")
    assert journey.interactions < BEFORE["interactions"] and journey.loads < BEFORE["loads"]
