import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from courses.learning import enrollment, progress
from courses.models import Completion, CourseMedia, Enrollment, PlaybackPosition, ResourcePage

from . import factories

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("courses_built_once")]


def resources_of(course):
    return list(ResourcePage.objects.descendant_of(course).order_by("path"))


def complete_url(resource):
    return f"/en/learn/resource/{resource.pk}/complete/"


def playback_url(resource):
    return f"/en/learn/resource/{resource.pk}/playback/"


@pytest.fixture
def enrolled(free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    return student


def set_requirements(course, *requirements):
    """requirements: ("required" | "optional" | ("alternative", group)) per resource."""
    for resource, requirement in zip(resources_of(course), requirements, strict=True):
        if isinstance(requirement, tuple):
            resource.requirement, resource.alternative_group = requirement
        else:
            resource.requirement, resource.alternative_group = requirement, ""
        factories.publish(resource)


def test_button_completes_a_reading_and_is_idempotent(client, free_course, enrolled):
    resource = resources_of(free_course)[0]
    client.force_login(enrolled)
    client.post(complete_url(resource))
    client.post(complete_url(resource))
    assert Completion.objects.filter(user=enrolled).count() == 1
    html = client.get(resource.url).content.decode()
    assert "You have completed this resource." in html
    assert "25%" in html


def test_completing_needs_an_enrollment(client, free_course, student):
    resource = resources_of(free_course)[0]
    client.force_login(student)
    response = client.post(complete_url(resource), follow=True)
    assert "Enroll in this course to record your progress." in response.content.decode()
    assert not Completion.objects.exists()


def test_completing_a_resource_of_another_course_changes_nothing(client, free_course, paid_course, enrolled):
    client.force_login(enrolled)
    response = client.post(complete_url(resources_of(paid_course)[1]), follow=True)
    assert response.status_code == 200
    assert not Completion.objects.exists()
    assert client.post("/en/learn/resource/987654/complete/").status_code == 404


def test_requirements_alternatives_and_optional(client, free_course, enrolled):
    set_requirements(free_course, "required", ("alternative", "lab"), ("alternative", "LAB "), "optional")
    first, alt_a, alt_b, optional = resources_of(free_course)
    state = progress.course_progress(enrolled, free_course)
    assert state.total == 2  # the required resource + one for the "lab" group
    progress.mark_complete(enrolled, optional)
    assert progress.course_progress(enrolled, free_course).percent == 0
    progress.mark_complete(enrolled, alt_b)
    assert progress.course_progress(enrolled, free_course).percent == 50
    assert progress.course_progress(enrolled, free_course).next_resource.pk == first.pk


def test_a_course_without_requirements_counts_every_resource(free_course, enrolled):
    set_requirements(free_course, "optional", "optional", "optional", "optional")
    progress.mark_complete(enrolled, resources_of(free_course)[0])
    assert progress.course_progress(enrolled, free_course).percent == 25


def test_completing_every_requirement_completes_the_course_once(free_course, enrolled):
    from courses.learning.progress import course_completed

    received = []

    def receive(**kwargs):
        received.append(kwargs["enrollment"].pk)

    course_completed.connect(receive, weak=False)
    try:
        for resource in resources_of(free_course):
            state = progress.mark_complete(enrolled, resource)
        progress.mark_complete(enrolled, resources_of(free_course)[0])
    finally:  # only this receiver: other apps' (certificates) stay connected for later tests
        course_completed.disconnect(receive)
    assert state.percent == 100 and state.is_complete
    assert Enrollment.objects.get(user=enrolled).completed_at is not None
    assert len(received) == 1


def test_a_resource_added_later_counts_for_everyone(free_course, enrolled):
    for resource in resources_of(free_course):
        progress.mark_complete(enrolled, resource)
    section = free_course.get_children().first()
    factories.ResourcePageFactory(parent=section, title="New lesson", body=[("rich_text", "<p>New</p>")])
    state = progress.course_progress(enrolled, free_course)
    assert state.percent == 80
    assert state.next_resource.title == "New lesson"


def test_progress_is_shared_across_languages(free_course, enrolled, locales):
    spanish_course = free_course.copy_for_translation(locales["es"].locale, copy_parents=True)
    factories.publish(spanish_course)
    for resource in resources_of(free_course):
        translated = resource.copy_for_translation(locales["es"].locale, copy_parents=True)
        factories.publish(translated)
    spanish_resource = resources_of(spanish_course)[0]
    progress.mark_complete(enrolled, spanish_resource)
    assert progress.course_progress(enrolled, free_course).percent == 25
    assert progress.course_progress(enrolled, spanish_course).percent == 25


def test_continue_goes_to_the_first_unmet_requirement(client, free_course, enrolled):
    first, second, *_ = resources_of(free_course)
    progress.mark_complete(enrolled, first)
    client.force_login(enrolled)
    html = client.get(free_course.url).content.decode()
    assert f'href="{second.url}">Continue' in html


# --- video and audio ------------------------------------------------------------------


@pytest.fixture
def video_resource(free_course):
    resource = resources_of(free_course)[1]
    item = factories.CourseMediaFactory(file=ContentFile(b"\x00" * 4096, name="lesson.mp4"))
    resource.body = [("video", {"video": item, "captions": []})]
    factories.publish(resource)
    return ResourcePage.objects.get(pk=resource.pk)


def report(client, resource, **data):
    return client.post(playback_url(resource), json.dumps(data), content_type="application/json")


def test_playback_reports_store_position_and_resume_on_any_device(client, video_resource, enrolled):
    client.force_login(enrolled)
    response = report(client, video_resource, position=12.5, watched=5, duration=100)
    assert response.status_code == 200
    assert PlaybackPosition.objects.get(user=enrolled).position == 12.5
    from django.test import Client

    other_device = Client()
    other_device.force_login(enrolled)
    assert 'data-resume-at="12.5"' in other_device.get(video_resource.url).content.decode()


def test_watching_ninety_percent_completes_the_video(client, video_resource, enrolled):
    client.force_login(enrolled)
    PlaybackPosition.objects.create(
        user=enrolled, resource_key=video_resource.translation_key, course_key=video_resource.course.translation_key,
        position=80, watched=85, duration=100,
    )  # fmt: skip
    PlaybackPosition.objects.update(updated_at=timezone.now() - timedelta(seconds=30))
    response = report(client, video_resource, position=92, watched=6, duration=100)
    assert response.json()["completed"] is True
    assert Completion.objects.filter(user=enrolled, resource_key=video_resource.translation_key).exists()


def test_skipping_ahead_is_not_watching(client, video_resource, enrolled):
    client.force_login(enrolled)
    report(client, video_resource, position=1, watched=1, duration=100)
    response = report(client, video_resource, position=99, watched=98, duration=100)
    assert response.json()["completed"] is False
    assert PlaybackPosition.objects.get(user=enrolled).watched < 20
    assert not Completion.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"position": -1, "watched": 1},
        {"position": 500, "watched": 1},
        {"position": 5, "watched": -3},
        {"position": "NaN", "watched": 1},
        {"position": "5", "watched": "1"},
        {"position": 5},
        {"position": "five", "watched": 1},
        {"position": True, "watched": True},
        {"position": 5, "watched": True},
        {"position": 10**400, "watched": 1},
        {"position": 5, "watched": 1e300},
        {"position": [5], "watched": 1},
    ],
)
def test_bad_playback_reports_are_refused_and_change_nothing(client, video_resource, enrolled, data):
    client.force_login(enrolled)
    response = report(client, video_resource, **data)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not PlaybackPosition.objects.exists()


@pytest.mark.parametrize(
    "body",
    ["{not json", '{"position": NaN, "watched": 1}', '{"position": Infinity, "watched": 1}', "[" * 100_000,
     '{"position": %s, "watched": 1}' % ("9" * 400), '{"position": 1, "watched": 1, "pad": "%s"}' % ("x" * 5000)],
    ids=["not-json", "nan", "infinity", "deep", "400-digits", "too-big"],
)  # fmt: skip
def test_malformed_playback_bodies_are_refused(client, video_resource, enrolled, body):
    client.force_login(enrolled)
    response = client.post(playback_url(video_resource), body, content_type="application/json")
    assert response.status_code == 400
    assert not PlaybackPosition.objects.exists()


def test_the_duration_comes_from_the_media_not_the_browser(client, video_resource, enrolled):
    """The browser claims a 2-second video; the stored media says 100 s."""
    client.force_login(enrolled)
    report(client, video_resource, position=1, watched=1, duration=2)
    PlaybackPosition.objects.update(started_at=timezone.now() - timedelta(seconds=10))
    response = report(client, video_resource, position=2, watched=2, duration=2)
    assert response.json()["completed"] is False
    assert PlaybackPosition.objects.get().duration == 100


def test_a_first_report_of_599_seconds_counts_for_nothing(client, video_resource, enrolled):
    client.force_login(enrolled)
    CourseMedia.objects.update(duration=600)
    response = report(client, video_resource, position=599, watched=599)
    assert response.status_code == 200 and response.json()["completed"] is False
    assert PlaybackPosition.objects.get().watched == 0
    assert not Completion.objects.exists()


def test_many_quick_reports_cannot_outrun_the_clock(client, video_resource, enrolled):
    """60 reports of 2 s each within (at most) a few seconds: the total is capped by the
    server time since the first report, at the player's fastest speed."""
    client.force_login(enrolled)
    started = timezone.now()
    for second in range(60):
        report(client, video_resource, position=second, watched=2)
    elapsed = (timezone.now() - started).total_seconds()
    watched = PlaybackPosition.objects.get().watched
    assert watched <= elapsed * progress.MAX_PLAYBACK_SPEED < 90
    assert not Completion.objects.exists()


def test_a_media_without_a_known_duration_records_nothing(client, video_resource, enrolled):
    client.force_login(enrolled)
    CourseMedia.objects.update(duration=0)
    assert report(client, video_resource, position=1, watched=1).status_code == 400
    assert not PlaybackPosition.objects.exists()


def test_playback_of_a_course_one_is_not_enrolled_in_changes_nothing(client, video_resource, student):
    client.force_login(student)
    response = report(client, video_resource, position=5, watched=5, duration=100)
    assert response.status_code == 400
    assert not PlaybackPosition.objects.exists()


def test_a_video_is_not_completed_by_the_button(client, video_resource, enrolled):
    client.force_login(enrolled)
    response = client.post(complete_url(video_resource), follow=True)
    assert "complete when you have watched them" in response.content.decode()
    assert not Completion.objects.exists()


def test_dashboard_lists_courses_with_progress_and_continue(client, free_course, enrolled):
    first, second, *_ = resources_of(free_course)
    progress.mark_complete(enrolled, first)
    client.force_login(enrolled)
    html = client.get("/en/dashboard/").content.decode()
    assert "My courses" in html
    assert free_course.title in html
    assert 'value="25"' in html
    assert f'href="{second.url}">Continue' in html


def test_dashboard_lists_completed_courses(client, free_course, enrolled):
    for resource in resources_of(free_course):
        progress.mark_complete(enrolled, resource)
    client.force_login(enrolled)
    html = client.get("/en/dashboard/").content.decode()
    assert "Completed courses" in html
    assert "No course in progress." in html


def test_dashboard_invites_to_the_catalog_when_empty(client, student, catalog):
    client.force_login(student)
    html = client.get("/en/dashboard/").content.decode()
    assert "You are not enrolled in any course yet." in html
    assert f'href="{catalog.url}"' in html
