"""Factories for the calendar and live sessions (courses' factories build the courses)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from courses.models import ResourcePage
from courses.tests import factories as course_factories
from events.models import CalendarPage
from home.models import HomePage


def live_session_value(start=None, minutes=60, **extra):
    start = start or timezone.now().replace(second=0, microsecond=0) + timedelta(days=3)
    return {
        "title": "Live Q&A",
        "description": "",
        "start": start,
        "end": start + timedelta(minutes=minutes),
        "join_url": "https://meet.example.org/room-42",
        "captions": [],
        **extra,
    }


def live_session_resource(course, start=None, minutes=60, title="Live Q&A", **extra):
    """A published resource holding a live session, last in the course's first section."""
    section = course.get_children().first()
    resource = course_factories.ResourcePageFactory(parent=section, title=title, body=[])
    resource.body = [("live_session", live_session_value(start, minutes, title=title, **extra))]
    course_factories.publish(resource)
    return ResourcePage.objects.get(pk=resource.pk)


def calendar_page(language_code="en"):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code=language_code))
    page = CalendarPage(title="Calendar", slug="calendar")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
