"""The student dashboard's course panels: a fixed number of queries whatever the number
of enrollments (the outlines of all enrolled courses are read together)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.learning import enrollment

from . import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/dashboard/"
# session, user, enrollments, pages, completions, two for the outlines, the courses as authored; menus,
# settings; what contributed panels with nothing to show cost (assessments: open attempts, upcoming
# deadlines; certificates; commerce: orders; notifications: the bell's count, announcements, conversations)
BUDGET = 27


def student_enrolled_in(count, prefix="course"):
    student = factories.UserFactory()
    for number in range(count):
        course = factories.build_course(title=f"Course {number}", slug=f"{prefix}-{number}", price=0)
        enrollment.enroll(student, course, enrollment.Source.FREE)
    return student


def dashboard_queries(client, student):
    client.force_login(student)
    client.get(DASHBOARD)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "Course 0" in response.content.decode()
    return len(queries.captured_queries)


def test_dashboard_query_count_is_within_budget_and_the_same_at_1_and_50_enrollments(client, catalog, no_caching):
    one, fifty = student_enrolled_in(1, "one"), student_enrolled_in(50, "fifty")
    assert dashboard_queries(client, one) == dashboard_queries(client, fifty) <= BUDGET


# --- The course lists kept rendered in the student's personal cache (caches on) ---------------


def dashboard(client, path=DASHBOARD):
    response = client.get(path)
    assert response.status_code == 200
    return response


def rendered(response):
    return {template.name for template in response.templates}


def percents(response):
    return [part.split("%")[0] for part in response.content.decode().split("data-aula-percent>")[1:]]


@pytest.fixture
def kept(shared_cache, catalog):
    student = factories.UserFactory()
    course = factories.build_course(title="Kept course", slug="kept-course", price=0)
    enrollment.enroll(student, course, enrollment.Source.FREE)
    return student, course


def test_the_course_lists_are_rendered_once_then_kept(client, kept):
    student, _course = kept
    client.force_login(student)
    assert "courses/dashboard/courses_in_progress.html" in rendered(dashboard(client))
    again = dashboard(client)
    assert not {"courses/dashboard/courses_in_progress.html", "courses/dashboard/completed_courses.html"} & rendered(
        again
    )
    assert "Kept course" in again.content.decode()


def test_progress_made_shows_on_the_dashboard_at_the_next_request(client, kept):
    from django.urls import reverse

    from courses.models import ResourcePage

    student, course = kept
    client.force_login(student)
    assert percents(dashboard(client)) == ["0"]
    lesson = ResourcePage.objects.descendant_of(course).order_by("path").first()
    client.post(reverse("resource_complete", args=[lesson.pk]))
    assert percents(dashboard(client)) == ["25"]  # 1 of 4 resources


def test_a_new_enrollment_and_leaving_show_on_the_dashboard_at_the_next_request(client, kept):
    student, course = kept
    other = factories.build_course(title="Second course", slug="second-course", price=0)
    client.force_login(student)
    assert "Second course" not in dashboard(client).content.decode()
    enrollment.enroll(student, other, enrollment.Source.FREE)
    assert "Second course" in dashboard(client).content.decode()
    enrollment.leave(student, course)
    enrollment.leave(student, other)
    html = dashboard(client).content.decode()
    assert "Kept course" not in html.split("Recommended for you")[0]  # only among the suggestions now
    assert "You are not enrolled in any course yet." in html


def test_a_course_renamed_and_published_shows_on_the_dashboard_at_the_next_request(client, kept):
    student, course = kept
    client.force_login(student)
    assert "Kept course" in dashboard(client).content.decode()
    course.title = "Renamed course"
    course.save_revision().publish()
    html = dashboard(client).content.decode()
    assert "Renamed course" in html and "Kept course" not in html


def test_each_language_has_its_own_kept_lists(client, kept):
    student, _course = kept
    client.force_login(student)
    assert "My courses" in dashboard(client).content.decode()
    assert "Mis cursos" in dashboard(client, "/es/dashboard/").content.decode()
    assert "My courses" in dashboard(client).content.decode()


def test_last_activity_is_as_of_each_request_while_the_lists_are_kept(client, kept, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.timesince import timesince

    from caching import kept_html

    student, _course = kept
    client.force_login(student)
    assert "Last activity 0\xa0minutes ago" in dashboard(client).content.decode()
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(kept_html, "timesince", lambda moment: timesince(moment, now=later))
    again = dashboard(client)
    assert "courses/dashboard/courses_in_progress.html" not in rendered(again)  # kept, yet three hours on
    assert "Last activity 3\xa0hours ago" in again.content.decode()


def test_a_student_never_sees_another_students_kept_lists(client, kept):
    student, _course = kept
    other = factories.UserFactory()
    client.force_login(student)
    assert "Kept course" in dashboard(client).content.decode()
    client.force_login(other)
    html = dashboard(client).content.decode()
    assert "Kept course" not in html.split("Recommended for you")[0]
    assert "You are not enrolled in any course yet." in html
