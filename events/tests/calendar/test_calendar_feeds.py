"""Feeds and downloads: RFC 5545 files that two independent parsers read the same way,
secret rotatable addresses, and nobody else's data."""

from datetime import UTC, datetime, timedelta

import icalendar
import ics
import pytest
from django.urls import reverse

from courses.learning import enrollment
from courses.tests.factories import publish
from events.calendar import feeds
from events.models import LiveSession

from . import factories

pytestmark = pytest.mark.django_db


def feed_url(user):
    return reverse("calendar_personal_feed", args=[feeds.feed_token(user)])


def events_of(body):
    """The VEVENTs as icalendar reads them, checked against the ``ics`` parser (another
    grammar, another code base): both must agree on every UID and start."""
    parsed = icalendar.Calendar.from_ical(body)
    events = list(parsed.walk("VEVENT"))
    other = ics.Calendar(body.decode())
    assert {e.uid for e in other.events} == {str(e["UID"]) for e in events}
    for event in other.events:
        mine = next(e for e in events if str(e["UID"]) == event.uid)
        assert event.begin.datetime == mine.decoded("DTSTART")
    return parsed, events


def test_personal_feed_holds_the_students_live_session_in_utc(client, live, enrolled):
    response = client.get(feed_url(enrolled))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    parsed, events = events_of(response.content)
    assert str(parsed["X-WR-CALNAME"]).endswith("my calendar")
    (event,) = events
    session = LiveSession.objects.get()
    assert str(event["UID"]) == f"live_session-{live.translation_key}@aula"
    assert event.decoded("DTSTART") == session.start and event.decoded("DTSTART").tzinfo is not None
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert b"DTSTART:" in response.content and b"Z\r\n" in response.content  # written in UTC
    assert "DTSTAMP" in event and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Live Q&A"
    assert "room-42" not in response.content.decode()  # the join link is only on the page


def test_changing_the_time_bumps_sequence_and_keeps_the_uid(client, live, enrolled):
    before = events_of(client.get(feed_url(enrolled)).content)[1][0]
    moved = datetime.now(UTC).replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=40)
    live.body = [("live_session", factories.live_session_value(moved))]
    publish(live)
    after = events_of(client.get(feed_url(enrolled)).content)[1][0]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == moved


def test_an_unpublished_session_is_sent_cancelled(client, live, enrolled):
    sequence = LiveSession.objects.get().sequence
    live.unpublish()
    (event,) = events_of(client.get(feed_url(enrolled)).content)[1]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == sequence + 1


def test_another_students_feed_never_shows_my_courses(client, live, enrolled, other_student, other_course):
    enrollment.enroll(other_student, other_course, enrollment.Source.FREE)
    body = client.get(feed_url(other_student)).content
    assert events_of(body)[1] == []
    assert str(live.translation_key) not in body.decode()


@pytest.mark.parametrize("token", ["wrong-token-wrong-token-0000", "x", "a" * 65, "%20%20", "../../etc"])
def test_a_wrong_or_malformed_token_is_a_404(client, enrolled, token):
    feeds.feed_token(enrolled)
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_a_rotated_token_is_a_404_and_the_new_one_works(client, live, enrolled):
    old = feed_url(enrolled)
    client.force_login(enrolled)
    response = client.post(reverse("calendar_rotate_feed"), {"next": "/en/dashboard/"})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(enrolled)).status_code == 200


def test_rotating_needs_a_signed_in_post_and_refuses_an_outside_next(client, enrolled):
    token = feeds.feed_token(enrolled)
    assert client.get(reverse("calendar_rotate_feed")).status_code == 405
    assert client.post(reverse("calendar_rotate_feed")).status_code == 302  # to the login page
    assert feeds.feed_token(enrolled) == token
    client.force_login(enrolled)
    response = client.post(reverse("calendar_rotate_feed"), {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_public_feed_is_per_language_and_unknown_languages_are_404(client, locales):
    response = client.get("/calendar/es/master-classes.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed, events = events_of(response.content)
    assert str(parsed["X-WR-CALNAME"]) == "Aula — clases magistrales" and events == []
    assert client.get("/calendar/xx/master-classes.ics").status_code == 404
    assert client.get("/calendar/en-xx/master-classes.ics").status_code == 404


def test_one_event_downloads_as_ics_without_the_join_link(client, live):
    response = client.get(reverse("calendar_event_ics", args=["live_session", live.translation_key]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = events_of(response.content)[1]
    assert str(event["UID"]) == f"live_session-{live.translation_key}@aula"
    assert "room-42" not in response.content.decode()


UNKNOWN_EVENTS = ["live_session/not-a-uuid", "live_session/00000000-0000-0000-0000-000000000000", "nope/1"]


@pytest.mark.parametrize("path", UNKNOWN_EVENTS)
def test_an_unknown_event_download_is_a_404(client, path):
    assert client.get(f"/calendar/event/{path}.ics").status_code == 404


def test_evaluation_deadlines_are_in_the_feed(client, course, enrolled):
    from assessments.models import EvaluationWindow

    resource = course.get_descendants().type(__import__("courses").models.ResourcePage).first()
    closes = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    EvaluationWindow.objects.create(
        course_key=course.translation_key, resource_key=resource.translation_key, evaluation_id="x",
        available_until=closes,
    )  # fmt: skip
    (event,) = events_of(client.get(feed_url(enrolled)).content)[1]
    assert str(event["SUMMARY"]) == f"Deadline: {resource.title}"
    assert event.decoded("DTSTART") == closes


def test_an_entry_opens_its_resource_in_the_visitors_language(client, live):
    response = client.get(reverse("calendar_open_resource", args=[live.translation_key]))
    assert response.status_code == 302 and response["Location"].endswith(live.url)
    # (Outside the language prefix, Django's LocaleMiddleware sends a 404 on to the prefixed
    # address first, which is a 404 too.)
    for path in ["/calendar/open/00000000-0000-0000-0000-000000000000/", "/calendar/open/not-a-key/"]:
        assert client.get(path, follow=True).status_code == 404
