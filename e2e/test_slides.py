"""A slide deck in Chromium: keyboard and buttons move through it, the position is
announced, full screen with F, speaker notes behind their toggle, the PDF downloads; without
JavaScript every slide reads in order; axe-clean with no sideways scroll at 1280 and 390 px."""

import pytest
import wagtail_factories
from playwright.sync_api import expect

from courses.models import ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = "/tmp/shots/slides"


@pytest.fixture
def deck(locales):
    course = factories.build_course(title="Astronomy", slug="astronomy", sections=1, resources_per_section=1, price=0)
    resource = ResourcePage.objects.descendant_of(course).get().specific
    image = wagtail_factories.ImageFactory(collection=course.collection)
    slides = [
        {"text": "<h2>The night sky</h2><p>What we can see without a telescope.</p>", "image": image,
         "image_alt": "A dark sky full of stars", "notes": "Ask who has seen the Milky Way."},
        {"text": "<h2>Planets</h2><ul><li>Mercury</li><li>Venus</li><li>Mars</li></ul>", "image": None,
         "image_alt": "", "notes": ""},
        {"text": "<h2>Stars</h2><p>Suns, very far away.</p>", "image": None, "image_alt": "", "notes": ""},
        {"text": "<h2>Questions</h2><p>What would you like to observe?</p>", "image": None, "image_alt": "",
         "notes": "Leave ten minutes."},
    ]  # fmt: skip
    resource.free_preview = True
    resource.body = [("slides", {"title": "Looking up", "slides": slides})]
    factories.publish(resource)  # no transaction around it: the PDF job runs on commit (sync in tests)
    return resource


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_deck_is_driven_by_keyboard_and_buttons(page, live_url, deck):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_url + deck.url)
    position = page.locator("[data-deck-position]")
    expect(position).to_have_text("Slide 1 of 4")
    expect(position).to_have_attribute("aria-live", "polite")
    slides = page.locator(".aula-slide")
    expect(slides.nth(0)).to_be_visible()
    expect(slides.nth(1)).to_be_hidden()
    expect(page.get_by_role("button", name="Previous slide")).to_be_disabled()

    page.get_by_role("button", name="Next slide").click()
    expect(position).to_have_text("Slide 2 of 4")
    expect(page.get_by_role("heading", name="Planets")).to_be_visible()
    stage = page.locator(".aula-deck-stage")
    stage.focus()
    for key, expected in (("End", 4), ("Home", 1), ("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), ("ArrowLeft", 1)):
        page.keyboard.press(key)
        expect(position).to_have_text(f"Slide {expected} of 4")
    page.get_by_text("Speaker notes").first.click()
    expect(page.get_by_text("Ask who has seen the Milky Way.")).to_be_visible()
    expect(page.get_by_role("link", name="Download the slides (PDF)")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/deck-1280.png", full_page=True)
    assert serious_violations(page) == []
    assert no_sideways_scroll(page)

    stage.focus()
    page.keyboard.press("f")
    expect(page.get_by_role("button", name="Exit full screen")).to_be_visible()
    assert page.evaluate("document.fullscreenElement && document.fullscreenElement.matches('[data-aula-deck]')")
    page.keyboard.press("ArrowRight")
    expect(position).to_have_text("Slide 2 of 4")
    page.screenshot(path=f"{SHOTS}/deck-fullscreen.png")
    page.get_by_role("button", name="Exit full screen").click()
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()

    pdf = page.request.get(live_url + page.get_by_role("link", name="Download the slides (PDF)").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    assert errors == []


def test_a_deck_on_a_phone(browser, live_url, deck):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    page.goto(live_url + deck.url)
    expect(page.locator("[data-deck-position]")).to_have_text("Slide 1 of 4")
    page.get_by_role("button", name="Next slide").click()
    expect(page.locator("[data-deck-position]")).to_have_text("Slide 2 of 4")
    page.screenshot(path=f"{SHOTS}/deck-390.png", full_page=True)
    assert no_sideways_scroll(page)
    assert serious_violations(page) == []
    context.close()


def test_without_javascript_every_slide_reads_in_order(browser, live_url, deck):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_url + deck.url)
    for heading in ("The night sky", "Planets", "Stars", "Questions"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("button", name="Next slide")).to_be_hidden()
    page.screenshot(path=f"{SHOTS}/deck-no-js.png", full_page=True)
    context.close()
