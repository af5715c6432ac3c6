"""The player's keys in Chromium, pressed on the keyboard: Space toggles once (the browser's
own controls no longer toggle back), K, J/L, arrows, M, F and C do what the "Keyboard
shortcuts" list says, and nothing fires while typing in a form field elsewhere."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from courses.models import ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHello\n\n00:00:04.000 --> 00:00:08.000\nWorld\n"
VIDEO = "document.querySelector('video')"


@pytest.fixture
def lesson(webm_bytes):
    course = factories.build_course(
        title="Keys", slug="keys", price=0, sections=1, resources_per_section=1, free_preview_first=True
    )
    resource = ResourcePage.objects.descendant_of(course).get()
    video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="keys.webm"), duration=8)
    track = factories.CaptionTrackFactory(file=ContentFile(CAPTIONS.encode(), name="keys.vtt"))
    resource.title = "Pressing keys"
    resource.body = [("video", {"title": "Keys", "video": video, "poster": None, "captions": [track]})]
    return factories.publish(resource)


def wait_until(page, expression, timeout=20):
    """Poll ``expression`` (wait_for_function needs 'unsafe-eval', which the CSP refuses)."""
    for _ in range(int(timeout * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def video(page, prop):
    return page.evaluate(f"{VIDEO}.{prop}")


def seek_to(page, second):
    page.evaluate(f"{VIDEO}.currentTime = {second}")
    wait_until(page, f"Math.abs({VIDEO}.currentTime - {second}) < 0.1 && !{VIDEO}.seeking")


def press_and_settle(page, key, expression):
    page.keyboard.press(key)
    wait_until(page, expression)


def test_the_players_keys(page, live_url, lesson):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_url + lesson.url)
    wait_until(page, f"{VIDEO}.readyState >= 1")
    page.evaluate(f"{VIDEO}.muted = false; {VIDEO}.volume = 0.5")
    page.locator("video").focus()

    # Space toggles once: playing, and still playing after the key is released and time runs.
    press_and_settle(page, "Space", f"!{VIDEO}.paused")
    wait_until(page, f"{VIDEO}.currentTime > 0.5")
    assert video(page, "paused") is False
    press_and_settle(page, "Space", f"{VIDEO}.paused")
    # A person presses the next key after the media has told the page it paused: the
    # media's events are delivered in a later task (two frames suffice).
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    stopped = video(page, "currentTime")
    page.keyboard.press("k")
    wait_until(page, f"!{VIDEO}.paused && {VIDEO}.currentTime > {stopped} + 0.3")
    press_and_settle(page, "k", f"{VIDEO}.paused")
    assert video(page, "paused") is True

    # Seeking: arrows 5 s, J/L 10 s, never past either end.
    # (a seek lands on a frame: 25 per second here)
    seek_to(page, 1)
    press_and_settle(page, "ArrowRight", f"!{VIDEO}.seeking")
    assert video(page, "currentTime") == pytest.approx(6, abs=0.1)
    press_and_settle(page, "ArrowLeft", f"!{VIDEO}.seeking")
    assert video(page, "currentTime") == pytest.approx(1, abs=0.1)
    press_and_settle(page, "l", f"!{VIDEO}.seeking")
    assert video(page, "currentTime") == pytest.approx(video(page, "duration"), abs=0.1)
    seek_to(page, 3)
    press_and_settle(page, "j", f"!{VIDEO}.seeking")
    assert video(page, "currentTime") == pytest.approx(0, abs=0.1)

    # Volume and mute.
    press_and_settle(page, "ArrowUp", f"Math.abs({VIDEO}.volume - 0.6) < 0.001")
    press_and_settle(page, "ArrowDown", f"Math.abs({VIDEO}.volume - 0.5) < 0.001")
    press_and_settle(page, "ArrowDown", f"Math.abs({VIDEO}.volume - 0.4) < 0.001")
    press_and_settle(page, "m", f"{VIDEO}.muted")
    press_and_settle(page, "m", f"!{VIDEO}.muted")
    assert video(page, "volume") == pytest.approx(0.4)  # each key acted once

    # Captions: the default track is showing; C hides it and shows it again.
    wait_until(page, f"{VIDEO}.textTracks.length === 1")
    page.evaluate(f"{VIDEO}.textTracks[0].mode = 'showing'")
    press_and_settle(page, "c", f"{VIDEO}.textTracks[0].mode === 'disabled'")
    press_and_settle(page, "c", f"{VIDEO}.textTracks[0].mode === 'showing'")

    # Full screen on and off.
    press_and_settle(page, "f", "document.fullscreenElement === document.querySelector('video')")
    press_and_settle(page, "f", "document.fullscreenElement === null")

    # Typing elsewhere never drives the player.
    page.get_by_role("searchbox", name="Search").fill("")
    page.get_by_role("searchbox", name="Search").press_sequentially("k m jl ")
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("k m jl ")
    assert video(page, "paused") is True
    assert video(page, "muted") is False
    assert video(page, "currentTime") == pytest.approx(0, abs=0.1)

    # The keys are listed beside the player.
    page.get_by_text("Keyboard shortcuts").click()
    shortcuts = page.locator("[data-aula-player-keys]")
    for text in ("Play or pause", "Back or forward 10 seconds", "Mute or unmute", "Full screen on or off"):
        expect(shortcuts.get_by_text(text)).to_be_visible()
    expect(shortcuts.get_by_text("Captions on or off")).to_be_visible()
    assert serious_violations(page) == []
    assert errors == []
