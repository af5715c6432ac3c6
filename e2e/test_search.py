"""The site search in Chromium: a phrase spoken in a video is searched, its line is
clicked, and the player is at that second — also for an enrolled student whose saved
position would resume elsewhere. Suggestions work from the keyboard; the page passes axe."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from core.translations import fill_translation
from courses.learning.enrollment import enroll
from courses.models import Enrollment, PlaybackPosition, ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
CAPTIONS = """WEBVTT

00:00:00.500 --> 00:00:02.500
Welcome to the garden.

00:00:05.000 --> 00:00:07.000
Bees carry pollen between flowers.
"""


@pytest.fixture
def spoken_video(webm_bytes):
    course = factories.build_course(
        title="Garden ecology", slug="garden", price=0, sections=1, resources_per_section=1, free_preview_first=True
    )
    resource = ResourcePage.objects.descendant_of(course).get()
    video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="garden.webm"), duration=8)
    track = factories.CaptionTrackFactory(file=ContentFile(CAPTIONS.encode(), name="garden.vtt"))
    resource.title = "Pollination"
    resource.body = [("video", {"title": "Pollination", "video": video, "poster": None, "captions": [track]})]
    factories.publish(resource)  # its cues are indexed by the background job, in-process here
    return {"course": course, "resource": resource}


def wait_until(page, expression, timeout=20):
    """Poll ``expression`` (wait_for_function needs 'unsafe-eval', which the CSP refuses)."""
    for _ in range(int(timeout * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def search_and_open_the_line(page, live_url):
    page.goto(live_url + "/en/")
    page.get_by_role("search").first.get_by_label("Search").fill("pollen between flowers")
    page.get_by_role("search").first.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    line = page.get_by_role("link", name=re.compile(r"0:05.*Bees carry pollen between flowers"))
    expect(line).to_be_visible()
    assert line.locator("mark").first.inner_text() == "pollen"
    line.click()
    page.wait_for_url(re.compile(r".*\?t=5&track=/media-files/captions/\d+/garden\.vtt$"))
    wait_until(page, "document.querySelector('video').readyState >= 1")
    wait_until(page, "Math.abs(document.querySelector('video').currentTime - 5) < 0.1")


def test_a_spoken_phrase_lands_on_its_second_in_the_video(page, live_url, spoken_video):
    search_and_open_the_line(page, live_url)
    page.evaluate("const v = document.querySelector('video'); v.muted = true; v.play();")
    wait_until(page, "document.querySelector('video').currentTime > 5.2")


def test_the_second_asked_wins_over_the_saved_position(page, live_url, spoken_video):
    student = factories.UserFactory(email="gardener@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    course, resource = spoken_video["course"], spoken_video["resource"]
    enroll(student, course, Enrollment.Source.FREE)
    PlaybackPosition.objects.create(
        user=student, resource_key=resource.translation_key, course_key=course.translation_key, position=1.5, duration=8
    )
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))
    search_and_open_the_line(page, live_url)
    page.wait_for_timeout(300)  # give a late resume the chance to (wrongly) move it
    assert abs(page.evaluate("document.querySelector('video').currentTime") - 5) < 0.1


def video_value(title, webm_bytes, captions):
    video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="clip.webm"), duration=8)
    track = factories.CaptionTrackFactory(file=ContentFile(captions.encode(), name="captions.vtt"))
    return {"title": title, "video": video, "poster": None, "captions": [track]}


@pytest.fixture
def translated_lesson_with_two_videos(webm_bytes, locales):
    """A lesson with two videos, each with English captions, translated into Spanish (its
    caption cues too): the Spanish page serves a Spanish track in each player."""
    course = factories.build_course(
        title="Garden ecology", slug="garden", price=0, sections=1, resources_per_section=1, free_preview_first=True
    )
    resource = ResourcePage.objects.descendant_of(course).get()
    welcome = "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nWelcome to the garden.\n"
    resource.body = [
        ("video", video_value(title, webm_bytes, captions))
        for title, captions in (("Welcome", welcome), ("Pollination", CAPTIONS))
    ]
    factories.publish(resource)
    spanish = {
        "Welcome to the garden.": "Bienvenidos al jardín.",
        "Bees carry pollen between flowers.": "Las abejas llevan el polen entre las flores.",
    }
    locale = locales["es"].locale
    for page in [factories.catalog(), course, *course.get_descendants().order_by("path")]:
        fill_translation(page.specific, locale, spanish)  # published: its cues are indexed in-process
    return resource.get_translation(locale)


def test_a_spanish_caption_line_seeks_the_player_that_holds_it(page, live_url, translated_lesson_with_two_videos):
    page.goto(live_url + "/es/search/?q=abejas+polen")
    line = page.get_by_role("link", name=re.compile(r"0:05.*Las abejas llevan el polen"))
    expect(line).to_be_visible()
    line.click()
    page.wait_for_url(re.compile(r".*\?t=5&track=/media-files/captions/page/\d+/\d+\.vtt$"))
    videos = "document.querySelectorAll('video')"
    wait_until(page, f"{videos}[1].readyState >= 1 && {videos}[0].readyState >= 1")
    wait_until(page, f"Math.abs({videos}[1].currentTime - 5) < 0.1")
    assert page.evaluate(f"{videos}[0].currentTime") == 0  # the other player stays at the start
    showing = f"Array.from({videos}[1].textTracks).filter(t => t.mode === 'showing').map(t => t.language)"
    assert page.evaluate(showing) == ["es"]


def test_suggestions_are_chosen_with_the_keyboard(page, live_url, spoken_video):
    page.goto(live_url + "/en/search/")
    field = page.get_by_role("combobox", name="Search for")
    field.press_sequentially("Garden", delay=30)
    option = page.get_by_role("option", name=re.compile("Garden ecology"))
    expect(option).to_be_visible()
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == option.get_attribute("id")
    field.press("Enter")
    page.wait_for_url(re.compile(r".*/courses/garden/$"))


def test_the_search_page_passes_axe(page, live_url, spoken_video):
    page.goto(live_url + "/en/search/?q=pollen")
    expect(page.get_by_role("link", name="Pollination")).to_be_visible()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
