"""The whole journey of a free course in Chromium: enroll → watch a video → reload and
resume at the same second → complete every requirement → 100 % and course completed."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from courses.models import Enrollment, ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


@pytest.fixture
def free_course(webm_bytes):
    course = factories.build_course(
        title="Free journey", slug="free-journey", price=0, sections=1, resources_per_section=2,
        free_preview_first=False,
    )  # fmt: skip
    video_resource, reading = ResourcePage.objects.descendant_of(course).order_by("path")
    video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="lesson.webm"), duration=8)
    video_resource.title = "Watch the lesson"
    video_resource.body = [("video", {"title": "Lesson", "video": video, "poster": None, "captions": []})]
    factories.publish(video_resource)
    reading.title = "Read the notes"
    factories.publish(reading)
    return course


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))


def wait_until(page, expression, timeout=20):
    """Poll ``expression`` in the page (wait_for_function would need 'unsafe-eval', which
    our Content-Security-Policy rightly refuses)."""
    for _ in range(int(timeout * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def current_time(page):
    return page.evaluate("document.querySelector('video').currentTime")


@pytest.fixture(params=["caches off", "caches on"])
def caches(request, settings):
    """The journey twice: every page rendered afresh, and with the page cache, shared parts
    and personal cache on, as in production (lms_site/page_cache.py, personal_cache.py)."""
    from caching import page_cache

    if request.param == "caches on":
        settings.AULA_PAGE_CACHE_SECONDS = 600
        page_cache.forget_everything()
    yield request.param
    page_cache.forget_everything()


def test_free_course_journey(page, live_url, free_course, caches):
    student = factories.UserFactory(email="journey@example.org", password=PASSWORD)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    log_in(page, live_url, student.email)

    page.goto(live_url + free_course.url)
    page.get_by_role("button", name="Enroll for free").click()
    expect(page.get_by_text("You are enrolled. Enjoy the course!")).to_be_visible()
    assert Enrollment.objects.filter(user=student).count() == 1
    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", name="Watch the lesson", level=1)).to_be_visible()

    # Watch about three seconds, then pause: the player reports the position.
    page.evaluate("const v = document.querySelector('video'); v.muted = true; v.play();")
    wait_until(page, "document.querySelector('video').currentTime >= 3")
    with page.expect_response(lambda r: "/playback/" in r.url and r.request.method == "POST") as report:
        page.evaluate("document.querySelector('video').pause()")
    assert report.value.ok
    stopped_at = current_time(page)

    # Reload: the player resumes where the student stopped.
    page.reload()
    wait_until(page, "document.querySelector('video').readyState >= 1")
    wait_until(page, f"Math.abs(document.querySelector('video').currentTime - {stopped_at}) < 0.6")
    assert abs(current_time(page) - stopped_at) < 0.6

    # Watch to the end: the video completes by itself.
    page.evaluate("const v = document.querySelector('video'); v.muted = true; v.playbackRate = 2; v.play();")
    expect(page.get_by_text("You have completed this resource.")).to_be_visible(timeout=30000)
    assert serious_violations(page) == []

    # The reading completes with its button; that was the last requirement.
    page.get_by_role("link", name=re.compile("Read the notes")).first.click()
    page.get_by_role("button", name="Mark as complete").click()
    # Completed without a reload: the page offers the course's completion page.
    page.get_by_role("link", name=re.compile("You completed the course")).click()
    expect(page.get_by_role("heading", name="Congratulations!", level=1)).to_be_visible()
    assert serious_violations(page) == []

    page.goto(live_url + free_course.url)
    expect(page.locator("#progress-course")).to_have_attribute("value", "100")
    expect(page.get_by_text(re.compile("Completed on"))).to_be_visible()
    assert Enrollment.objects.get(user=student).completed_at is not None
    page.goto(live_url + "/en/dashboard/")
    expect(page.get_by_role("heading", name="Completed courses")).to_be_visible()
