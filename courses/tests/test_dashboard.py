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
