"""iCalendar (RFC 5545) files built with the ``icalendar`` package: one event (the
``.ics`` download), a user's personal feed, the public feed of master classes.

Every time is written in UTC (``DTSTART:20300115T180000Z``): calendars show it in their
owner's zone, and no VTIMEZONE is needed. ``UID`` is the entry's, stable across changes
and languages; ``SEQUENCE`` goes up on each change; a cancelled entry is still sent, with
``STATUS:CANCELLED``, so subscribed calendars remove it."""

from datetime import UTC, timedelta

from django.utils import timezone

PRODUCT_ID = "-//Aula//Aula calendar//EN"
UID_DOMAIN = "aula"
# A feed tells calendars how often to fetch it again (Outlook, Apple; Google decides alone).
REFRESH_INTERVAL = timedelta(hours=1)


def _utc(value):
    return value.astimezone(UTC)


def _event(entry, base_url, stamp):
    import icalendar

    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(entry.start))
    event.add("dtend", _utc(max(entry.end, entry.start)))
    event.add("summary", entry.title)
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if entry.start == entry.end else "OPAQUE")
    url = entry.url if "://" in entry.url else f"{base_url}{entry.url}"
    event.add("url", url)
    description = "\n\n".join(part for part in (entry.description, url) if part)
    event.add("description", description)
    if entry.location:
        event.add("location", entry.location)
    return event


def build_calendar(entries, name, base_url, now=None):
    """The bytes of a VCALENDAR holding ``entries``, named ``name`` (X-WR-CALNAME).
    ``base_url`` ("https://host") makes the entries' paths absolute."""
    import icalendar

    stamp = _utc(now or timezone.now()).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(name))
    calendar.add("name", str(name))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for entry in entries:
        calendar.add_component(_event(entry, base_url, stamp))
    return calendar.to_ical()
