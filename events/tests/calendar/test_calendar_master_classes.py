"""Master classes in the calendar (events/calendar/master_classes_source.py): in the public
feed of their language, in the feed of those who hold a seat, sent cancelled with their
sequence when cancelled."""

import icalendar
import pytest

from events.calendar.feeds import feed_token
from events.models import MasterClassPage
from events.registration import cancel, register
from events.tests.factories import master_class

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_a_master_class_is_in_the_public_feed_of_its_language_only(client, calendar, locales):
    page = master_class(title="Stargazing", slug="stargazing")
    (event,) = _events(client.get("/calendar/en/master-classes.ics"))
    assert str(event["UID"]) == f"master_class-{page.translation_key}@aula"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert _events(client.get("/calendar/es/master-classes.ics")) == []
    assert "Stargazing" in client.get(calendar.url, {"month": page.start.strftime("%Y-%m")}).content.decode()


def test_a_cancelled_master_class_is_sent_cancelled_with_its_sequence(client, calendar):
    page = master_class(title="Stargazing", slug="stargazing")
    page.status = MasterClassPage.Status.CANCELLED
    page.save_revision().publish()
    page.refresh_from_db()
    (event,) = _events(client.get("/calendar/en/master-classes.ics"))
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == page.sequence > 0


def test_a_seat_puts_the_class_in_the_holders_feed_and_cancelling_takes_it_out(client, calendar, student):
    page = master_class(title="Stargazing", slug="stargazing")
    url = f"/calendar/feed/{feed_token(student)}.ics"
    assert [str(e["SUMMARY"]) for e in _events(client.get(url))] == []
    registration = register(student, page)
    assert [str(e["SUMMARY"]) for e in _events(client.get(url))] == ["Stargazing"]
    cancel(student, registration.key)
    assert [str(e["SUMMARY"]) for e in _events(client.get(url))] == []
