import io

import pytest

from events import demo
from events.models import CalendarPage, LiveSession

pytestmark = pytest.mark.django_db


def test_demo_adds_a_live_session_and_calendar_pages_once(locales, teacher):
    from courses.tests import factories

    factories.build_course(slug="python-from-scratch", title="Python from scratch", owner=teacher)
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    assert LiveSession.objects.count() == 1
    assert CalendarPage.objects.count() == len(locales)
    assert all(page.live for page in CalendarPage.objects.all())
