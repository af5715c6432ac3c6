"""Query budgets of the pages a signed-in student uses most, at two sizes each, with the
shared fragments on (menus, footer, language links and outlines come from the cache, as
in production): the count does not grow with the course or the number of enrollments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.learning import enrollment
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

# Statements that read or write data; the savepoints around each request (ATOMIC_REQUESTS
# inside the test's transaction) are not counted. The route, the site, site settings, view
# restrictions, who teaches the course and the user's permissions come from the shared cache;
# the user, their enrollment and completions from their personal cache (lms_site/
# personal_cache.py): a warm page costs fewer queries than its budget.
# Course page: session, user, the page, enrollment, completions, the instructors shown, the
# course's rules, the student's review, the rating, the review count, the breadcrumb's parent.
COURSE_PAGE_BUDGET = 13
# Resource page: session, user, the page, its course, its section's state, the rules,
# enrollment, completions, the discussion.
RESOURCE_PAGE_BUDGET = 11
# Dashboard: session, user, enrollments, their pages, completions; what the panels show
# (open attempts, upcoming deadlines, certificates, orders). Outlines are shared.
DASHBOARD_BUDGET = 11


@pytest.fixture(autouse=True)
def shared_fragments_on(shared_cache, catalog):
    pass


def queries(client, path):
    client.get(path)  # the first visit after a change builds the shared fragments
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len([q for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))])


def enrolled_course(student, resources, slug):
    course = factories.build_course(sections=resources // 10, resources_per_section=10, price=0, slug=slug)
    enrollment.enroll(student, course, enrollment.Source.FREE)
    return course


def test_course_and_resource_pages_cost_the_same_at_10_and_300_resources(client):
    student = factories.UserFactory()
    small = enrolled_course(student, 10, "small")
    large = enrolled_course(student, 300, "large")
    client.force_login(student)
    small_counts = (queries(client, small.url), queries(client, _resource(small).url))
    large_counts = (queries(client, large.url), queries(client, _resource(large).url))
    assert small_counts == large_counts
    assert small_counts[0] <= COURSE_PAGE_BUDGET
    assert small_counts[1] <= RESOURCE_PAGE_BUDGET


def test_the_dashboard_costs_the_same_with_1_and_50_enrollments(client):
    one, fifty = factories.UserFactory(), factories.UserFactory()
    enrolled_course(one, 10, "only-one")
    for number in range(50):
        enrolled_course(fifty, 10 if number < 5 else 0, f"one-of-fifty-{number}")
    client.force_login(one)
    small = queries(client, "/en/dashboard/")
    client.force_login(fifty)
    large = queries(client, "/en/dashboard/")
    assert small == large <= DASHBOARD_BUDGET


def _resource(course):
    return ResourcePage.objects.descendant_of(course).order_by("path")[5]


def test_the_shared_outline_shows_each_student_their_own_progress(client):
    from courses.learning.progress import mark_complete

    first, second = factories.UserFactory(), factories.UserFactory()
    course = enrolled_course(first, 10, "shared-outline")
    enrollment.enroll(second, course, enrollment.Source.FREE)
    done, viewed = ResourcePage.objects.descendant_of(course).order_by("path")[:2]
    mark_complete(first, done)

    def outline_of(student, page):
        client.force_login(student)
        html = client.get(page.url).content.decode()
        return html[html.index('id="sidebar-outline-heading"') :]

    for _ in range(2):  # built once, then from the shared fragment
        mine = outline_of(first, viewed)
        assert mine.count(", completed)") == 1 and mine.count("outline-done") == 1
        theirs = outline_of(second, done)
        assert ", completed)" not in theirs and "outline-done" not in theirs
        assert mine.count('aria-current="page"') == theirs.count('aria-current="page"') == 1


def test_the_section_page_costs_the_same_with_10_and_100_resources(client):
    student = factories.UserFactory()
    small = factories.build_course(sections=1, resources_per_section=10, price=0, slug="small-section")
    large = factories.build_course(sections=1, resources_per_section=100, price=0, slug="large-section")
    for course in (small, large):
        enrollment.enroll(student, course, enrollment.Source.FREE)
    client.force_login(student)
    assert queries(client, small.get_children().first().url) == queries(client, large.get_children().first().url)


def test_the_home_page_costs_the_same_with_3_and_30_courses(client):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    home.body = [
        ("featured_courses", {"heading": "Featured", "count": 12}),
        ("categories", {"heading": "Categories"}),
        ("course_search", {"heading": "Find a course"}),
    ]
    factories.publish(home)
    client.force_login(factories.UserFactory())
    for number in range(3):
        factories.build_course(
            sections=0, slug=f"home-few-{number}", featured=True, category=factories.CategoryFactory()
        )
    few = queries(client, home.url)
    for number in range(27):
        factories.build_course(
            sections=0, slug=f"home-many-{number}", featured=True, category=factories.CategoryFactory()
        )
    assert queries(client, home.url) == few
