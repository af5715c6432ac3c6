"""Courses in a real browser: the free-preview video plays and seeks (with HTTP 206
answers from Aula's media view), paid content is refused, pages pass axe, and an
instructor builds a course in the Wagtail editor and previews it."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from courses.models import CoursePage, ResourcePage, SectionPage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


def fill_slug(page, slug):
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_slug").fill(slug)
    page.get_by_role("tab", name="Content").click()


def save_draft(page, model, title):
    """Click "Save draft" and wait for Wagtail's confirmation; return the page's id."""
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(title, timeout=30000)
    return model.objects.get(title=title).pk


@pytest.fixture
def course_with_video(webm_bytes):
    teacher = factories.instructor(email="teacher@example.org", password=PASSWORD)
    course = factories.build_course(title="Paid course", slug="paid-course", price="25.00", owner=teacher)
    course.instructors.add(teacher)
    course.save()
    preview, paid = ResourcePage.objects.descendant_of(course).order_by("path")[:2]
    video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="clip.webm"), duration=8)
    paid_video = factories.CourseMediaFactory(file=ContentFile(webm_bytes, name="paid.webm"), duration=8)
    track = factories.CaptionTrackFactory()
    preview.body = [("video", {"title": "Welcome", "video": video, "poster": None, "captions": [track]})]
    factories.publish(preview)
    paid.body = [("video", {"title": "Paid", "video": paid_video, "poster": None, "captions": []})]
    factories.publish(paid)
    return {"course": course, "preview": preview, "paid": paid, "video": video, "paid_video": paid_video}


def test_free_preview_video_plays_and_seeks(page, live_url, course_with_video):
    media_responses = []
    page.on("response", lambda r: media_responses.append(r.status) if "/media-files/" in r.url else None)
    page.goto(live_url + course_with_video["preview"].url)
    video = page.locator("video")
    video.wait_for()
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert page.evaluate("() => document.querySelector('video').duration") == pytest.approx(8, abs=0.5)

    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.3")

    page.evaluate(
        """() => new Promise(resolve => {
            const v = document.querySelector('video');
            v.addEventListener('seeked', resolve, {once: true});
            v.currentTime = 6;
        })"""
    )
    assert page.evaluate("() => document.querySelector('video').currentTime") >= 6
    assert 206 in media_responses

    page.get_by_label("Playback speed").select_option("1.5")
    assert page.evaluate("() => document.querySelector('video').playbackRate") == 1.5
    assert page.evaluate("() => document.querySelector('video').textTracks[0].language") == "en"


def test_paid_resource_and_its_video_are_refused_to_visitors(page, live_url, course_with_video):
    response = page.goto(live_url + course_with_video["paid"].url)
    assert response.status == 403
    assert page.get_by_role("link", name="Log in or buy").is_visible()
    status = page.evaluate("url => fetch(url).then(r => r.status)", course_with_video["paid_video"].url)
    assert status == 403


def test_catalog_course_and_resource_pages_pass_axe(page, live_url, course_with_video):
    course = course_with_video["course"]
    for path in (course.get_parent().url, course.url, course_with_video["preview"].url):
        page.goto(live_url + path)
        assert serious_violations(page) == [], path


def test_instructor_builds_a_course_in_the_editor_and_previews_it(page, live_url):
    teacher = factories.instructor(email="builder@example.org", password=PASSWORD, display_name="Builder")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=teacher, email=teacher.email, verified=True, primary=True)
    catalog = factories.catalog()

    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    # The course
    page.goto(f"{live_url}/admin/pages/add/courses/coursepage/{catalog.pk}/")
    page.locator("#id_title").fill("Bread baking")
    page.locator("#id_summary").fill("Flour, water, salt and time.")
    fill_slug(page, "bread-baking")
    course_id = save_draft(page, CoursePage, "Bread baking")

    # A section under it
    page.goto(f"{live_url}/admin/pages/add/courses/sectionpage/{course_id}/")
    page.locator("#id_title").fill("Basics")
    page.locator("#id_introduction").fill("Flour and water.")
    fill_slug(page, "basics")
    section_id = save_draft(page, SectionPage, "Basics")

    # A resource with a Markdown block
    page.goto(f"{live_url}/admin/pages/add/courses/resourcepage/{section_id}/")
    page.locator("#id_title").fill("Kneading")
    fill_slug(page, "kneading")
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").first.click()
    page.get_by_role("option", name=re.compile("Markdown")).click()
    page.locator("textarea[name$='-value']").first.fill("Knead for **ten** minutes.")
    resource_id = save_draft(page, ResourcePage, "Kneading")

    resource = ResourcePage.objects.get(pk=resource_id)
    assert resource.get_parent().get_parent().pk == course_id
    assert "ten" in str(resource.get_latest_revision_as_object().body.raw_data)

    # Preview it in the editor's preview panel, as a student would see it, outline included
    page.goto(f"{live_url}/admin/pages/{resource_id}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name="Kneading", level=1)).to_be_visible(timeout=30000)
    expect(preview.locator("strong", has_text="ten")).to_be_visible()
    expect(preview.get_by_role("heading", name="Course outline")).to_be_visible()
