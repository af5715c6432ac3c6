"""The calendar page: month and list views, the personal part only for its owner and never
in shared HTML, time zones, bad months; and the dashboard's "Coming up" panel."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from courses.learning import enrollment

from . import factories

pytestmark = pytest.mark.django_db


def test_the_enrolled_student_sees_their_live_session_in_the_month(client, calendar, live, enrolled):
    client.force_login(enrolled)
    month = live.body[0].value["start"].strftime("%Y-%m")
    response = client.get(f"{calendar.url}?month={month}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Live Q&amp;A" in html and f"/calendar/open/{live.translation_key}/" in html
    assert "no-store" in response["Cache-Control"]
    assert "/calendar/feed/" in html  # their feed address, with copy and rotate


def test_anonymous_visitors_and_other_students_do_not_see_it(client, calendar, live, enrolled, other_student):
    month = live.body[0].value["start"].strftime("%Y-%m")
    anonymous = client.get(f"{calendar.url}?month={month}").content.decode()
    assert "Live Q&amp;A" not in anonymous
    assert "/calendar/feed/" not in anonymous and "csrfmiddlewaretoken" not in anonymous
    client.force_login(other_student)
    assert "Live Q&amp;A" not in client.get(f"{calendar.url}?month={month}").content.decode()


def test_the_shared_anonymous_page_never_holds_a_students_entries(client, calendar, live, enrolled):
    client.force_login(enrolled)
    client.get(calendar.url)
    client.logout()
    assert "Live Q&amp;A" not in client.get(calendar.url).content.decode()


def test_the_list_view_lists_upcoming_entries_with_a_download_each(client, calendar, live, enrolled):
    client.force_login(enrolled)
    html = client.get(f"{calendar.url}?view=list").content.decode()
    assert "Live Q&amp;A" in html
    assert f"/calendar/event/live_session/{live.translation_key}.ics" in html
    assert 'aria-current="page">List' in html


@pytest.mark.parametrize("month", ["garbage", "2030-13", "2030-1", "0000-01", "2030-01-01", "<script>"])
def test_a_malformed_month_says_so_and_shows_this_month(client, calendar, month):
    response = client.get(calendar.url, {"month": month})
    assert response.status_code == 400
    html = response.content.decode()
    assert "could not be read" in html
    assert timezone.now().strftime("%Y") in html
    assert "<script>" not in html


def test_month_navigation_links_to_the_neighbouring_months(client, calendar):
    html = client.get(calendar.url, {"month": "2030-01"}).content.decode()
    assert "January 2030" in html
    assert "?month=2029-12" in html and "?month=2030-02" in html


def test_a_viewer_in_another_zone_sees_the_session_on_their_own_day(client, calendar, course, student):
    """18:00 UTC on the 10th is 03:00 on the 11th in Tokyo."""
    start = (datetime.now(UTC) + timedelta(days=62)).replace(day=10, hour=18, minute=0, second=0, microsecond=0)
    factories.live_session_resource(course, start=start)
    enrollment.enroll(student, course, enrollment.Source.FREE)
    student.time_zone = "Asia/Tokyo"
    student.save()
    client.force_login(student)
    html = client.get(calendar.url, {"month": start.strftime("%Y-%m"), "view": "month"}).content.decode()
    assert "Asia/Tokyo" in html
    cell = html.split(f'datetime="{start:%Y-%m}-11"', 1)[1].split("</td>", 1)[0]
    assert "Live Q&amp;A" in cell and "3 a.m." in cell
    before = html.split(f'datetime="{start:%Y-%m}-10"', 1)[1].split("</td>", 1)[0]
    assert "Live Q&amp;A" not in before


def test_the_calendar_page_lives_under_the_home_page_once(calendar):
    from wagtail.test.utils import WagtailTestUtils  # noqa: F401 — the admin's rules

    from events.models import CalendarPage
    from home.models import HomePage

    assert not CalendarPage.can_create_at(calendar.get_parent())
    assert CalendarPage.parent_page_types == ["home.HomePage"]
    assert HomePage in list(CalendarPage.allowed_parent_page_models())


# --- the dashboard's "Coming up" panel --------------------------------------------------


def test_coming_up_lists_the_next_live_session(client, live, enrolled):
    client.force_login(enrolled)
    html = client.get("/en/dashboard/").content.decode()
    assert "Coming up" in html and "Live Q&amp;A" in html


def test_coming_up_is_absent_with_nothing_coming(client, student):
    client.force_login(student)
    assert "Coming up" not in client.get("/en/dashboard/").content.decode()


def test_coming_up_is_kept_until_a_course_publishes_a_session(client, course, enrolled, django_assert_num_queries):
    """The panel is the student's own value in their personal cache: no query while it holds,
    renewed when a course page is published (a new live session), and cut to what is still
    coming when the hour it was read in has passed."""
    from events.dashboard import kept_coming_up

    factories.live_session_resource(course, start=timezone.now() + timedelta(days=2), title="First session")
    assert [entry.title for entry in kept_coming_up(enrolled)] == ["First session"]
    with django_assert_num_queries(0):
        assert [entry.title for entry in kept_coming_up(enrolled)] == ["First session"]
    factories.live_session_resource(course, start=timezone.now() + timedelta(days=1), title="Earlier session")
    assert [entry.title for entry in kept_coming_up(enrolled)] == ["Earlier session", "First session"]
    later = timezone.now() + timedelta(days=1, hours=2)  # the earlier one (an hour long) is over
    assert [entry.title for entry in kept_coming_up(enrolled, now=later)] == ["First session"]
    client.force_login(enrolled)
    html = client.get("/en/dashboard/").content.decode()
    assert "Earlier session" in html and "First session" in html


@pytest.mark.parametrize("courses", [1, 8])
def test_coming_up_costs_the_same_queries_at_any_number_of_courses(
    rf, student, teacher, courses, django_assert_max_num_queries
):
    from courses.tests import factories as course_factories
    from events.dashboard import coming_up

    for index in range(courses):
        course = course_factories.build_course(sections=1, resources_per_section=1, slug=f"c{index}", owner=teacher)
        factories.live_session_resource(course, start=timezone.now() + timedelta(days=index + 1))
        enrollment.enroll(student, course, enrollment.Source.FREE)
    with django_assert_max_num_queries(3):
        entries = coming_up(student)
    assert len(entries) == min(courses, 6)


def test_the_month_costs_the_same_queries_with_1_or_8_courses(client, calendar, student, teacher, shared_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.tests import factories as course_factories

    start = (timezone.now() + timedelta(days=40)).replace(day=3, hour=9, minute=0, second=0, microsecond=0)
    month = start.strftime("%Y-%m")
    client.force_login(student)
    counts = []
    made = 0
    for size in (1, 8):
        for index in range(made, size):
            course = course_factories.build_course(sections=1, resources_per_section=1, slug=f"q{index}", owner=teacher)
            factories.live_session_resource(course, start=start + timedelta(days=index), title=f"Session {index}")
            enrollment.enroll(student, course, enrollment.Source.FREE)
        made = size
        client.get(calendar.url, {"month": month})  # warm what is shared
        with CaptureQueriesContext(connection) as queries:
            html = client.get(calendar.url, {"month": month}).content.decode()
        assert html.count("Session ") == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
