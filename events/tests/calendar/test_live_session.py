"""The live_session block: the join window decided on the server, "Add to calendar" for the
enrolled, validation, and completion by attendance (marked in the admin by the course's
instructors) or by watching the recording."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Completion, PlaybackPosition, ResourcePage
from courses.tests.factories import CourseMediaFactory, instructor, publish
from events.blocks_live import LiveSessionBlock
from events.models import LiveSession, LiveSessionAttendance

from . import factories

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/room-42"


def session_at(course, minutes_from_now, minutes=60):
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=minutes_from_now)
    return factories.live_session_resource(course, start=start, minutes=minutes)


@pytest.mark.parametrize(
    ("minutes_from_now", "shown"),
    [(60, False), (16, False), (14, True), (-30, True), (-61, False)],
)
def test_join_is_shown_only_from_15_minutes_before_until_the_end(client, course, enrolled, minutes_from_now, shown):
    resource = session_at(course, minutes_from_now)
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert (JOIN in html) is shown
    assert "no-store" in client.get(resource.url)["Cache-Control"]


def test_only_enrolled_students_see_join_and_add_to_calendar(client, course, student, other_student):
    resource = session_at(course, 5)
    client.force_login(other_student)
    html = client.get(resource.url).content.decode()
    assert JOIN not in html and "Add to calendar" not in html
    client.logout()
    assert JOIN not in client.get(resource.url).content.decode()


def test_the_enrolled_student_gets_add_to_calendar(client, live, enrolled):
    client.force_login(enrolled)
    html = client.get(live.url).content.decode()
    assert f"/calendar/event/live_session/{live.translation_key}.ics" in html
    assert "The join link appears here from" in html


def test_the_time_is_shown_in_the_viewers_zone_with_its_name(client, course, enrolled):
    resource = factories.live_session_resource(course, start=datetime(2031, 1, 15, 12, 0, tzinfo=UTC))
    enrolled.time_zone = "America/New_York"
    enrolled.save()
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert "7 a.m. EST" in html and 'datetime="2031-01-15T07:00:00-05:00"' in html


def test_publishing_stores_the_session_in_utc(course):
    from zoneinfo import ZoneInfo

    start = datetime(2031, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    factories.live_session_resource(course, start=start)
    assert LiveSession.objects.get().start == datetime(2031, 6, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2031-01-01T10:00:00Z", "2031-01-01T09:00:00Z", "The end must come after the start."),
        ("2031-01-01T10:00:00Z", "2031-01-01T10:00:00Z", "The end must come after the start."),
        ("2031-01-01T10:00:00Z", "2031-01-02T10:00:00Z", "at most 12 hours"),
    ],
)
def test_a_start_after_the_end_is_refused_with_a_message(start, end, message):
    from django.core.exceptions import ValidationError

    block = LiveSessionBlock()
    value = block.to_python(
        {"title": "Q&A", "start": start, "end": end, "join_url": JOIN, "captions": [], "description": ""}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert message in str(error.value.block_errors["end"])


def test_a_join_link_that_is_not_http_is_refused():
    from django.core.exceptions import ValidationError

    block = LiveSessionBlock()
    value = block.to_python(
        {"title": "Q&A", "start": "2031-01-01T10:00:00Z", "end": "2031-01-01T11:00:00Z",
         "join_url": "ftp://meet.example.org/", "captions": [], "description": ""}
    )  # fmt: skip
    with pytest.raises(ValidationError):
        block.clean(value)


# --- completion --------------------------------------------------------------------------


def attendance_url(resource):
    return reverse("live_session_attendance", args=[resource.translation_key])


def test_the_instructor_marks_attendance_and_the_resource_completes(client, teacher, live, enrolled):
    client.force_login(teacher)
    page = client.get(attendance_url(live))
    assert page.status_code == 200 and "ada@example.com" in page.content.decode()
    response = client.post(attendance_url(live), {"attended": [enrolled.pk]})
    assert response.status_code == 302
    assert LiveSessionAttendance.objects.filter(user=enrolled, resource_key=live.translation_key).exists()
    assert Completion.objects.filter(user=enrolled, resource_key=live.translation_key).exists()
    client.force_login(enrolled)
    assert "Your attendance was recorded." in client.get(live.url).content.decode()


def test_another_instructor_cannot_mark_attendance(client, live, enrolled):
    stranger = instructor(display_name="Not Theirs")
    client.force_login(stranger)
    assert client.get(attendance_url(live)).status_code == 403
    assert client.post(attendance_url(live), {"attended": [enrolled.pk]}).status_code == 403
    assert not LiveSessionAttendance.objects.exists() and not Completion.objects.exists()


def test_marking_someone_not_enrolled_changes_nothing(client, teacher, live, enrolled, other_student):
    client.force_login(teacher)
    response = client.post(attendance_url(live), {"attended": [enrolled.pk, other_student.pk, "junk"]}, follow=True)
    assert "Only students enrolled in this course can be marked." in response.content.decode()
    assert not LiveSessionAttendance.objects.exists() and not Completion.objects.exists()


def test_the_admin_lists_only_the_instructors_own_sessions(client, teacher, live):
    client.force_login(teacher)
    assert "Live Q&amp;A" in client.get(reverse("live_sessions")).content.decode()
    client.force_login(instructor(display_name="Other"))
    assert "Live Q&amp;A" not in client.get(reverse("live_sessions")).content.decode()


def test_watching_the_recording_completes_the_live_session(client, course, enrolled):
    recording = CourseMediaFactory(duration=100)
    start = timezone.now().replace(microsecond=0) - timedelta(days=2)
    resource = factories.live_session_resource(course, start=start)
    resource.body = [("live_session", factories.live_session_value(start, video=recording))]
    publish(resource)
    resource = ResourcePage.objects.get(pk=resource.pk)
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert "Recording" in html and "data-aula-progress" in html and "<video" in html
    PlaybackPosition.objects.create(
        user=enrolled, resource_key=resource.translation_key, course_key=course.translation_key,
        position=80, watched=85, duration=100,
    )  # fmt: skip
    PlaybackPosition.objects.update(updated_at=timezone.now() - timedelta(seconds=30))
    response = client.post(
        reverse("resource_playback", args=[resource.pk]),
        json.dumps({"position": 92, "watched": 6, "duration": 100}),
        content_type="application/json",
    )
    assert response.json()["completed"] is True
    assert Completion.objects.filter(user=enrolled, resource_key=resource.translation_key).exists()


def test_the_button_cannot_complete_a_live_session(client, live, enrolled):
    client.force_login(enrolled)
    client.post(f"/en/learn/resource/{live.pk}/complete/")
    assert not Completion.objects.exists()
