"""The admin home says how the school is doing: revenue, new students, enrollments and
completions as charts with table fallbacks, the top courses and the work waiting, for
administrators; the same for an instructor's own courses only; the same charts on a
course's statistics page. Periods by a select; bad input never a 500; queries flat."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commerce.models import Order, OrderLine
from courses.models import Enrollment
from courses.tests import factories

pytestmark = pytest.mark.django_db

HOME = "/admin/"


@pytest.fixture
def school(db):
    factories.catalog()
    teacher = factories.instructor(email="teacher@example.com")
    other = factories.instructor(email="other@example.com")
    mine = factories.build_course(title="Botany basics", slug="botany", owner=teacher, sections=1)
    theirs = factories.build_course(title="Zoology secrets", slug="zoology", owner=other, sections=1)
    return teacher, other, mine, theirs


def add_students(course, count, start=0, days_ago=0, completed=False):
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"s{course.pk}-{start + n}@example.org", display_name=f"S {n}") for n in range(count)]
    )
    when = timezone.now() - timedelta(days=days_ago)
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(user=user, course_key=course.translation_key, course=course, source="free",
                       completed_at=when if completed else None)
            for user in users
        ]
    )  # fmt: skip
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(created_at=when)
    return users


def sell(course, buyer, amount, days_ago=0):
    paid = timezone.now() - timedelta(days=days_ago)
    order = Order.objects.create(
        user=buyer, currency="USD", subtotal=amount, total=amount, status=Order.Status.PAID, paid_at=paid
    )
    OrderLine.objects.create(
        order=order, kind=OrderLine.Kind.COURSE, course=course, item_key=course.translation_key,
        title=course.title, list_price=amount, amount=amount,
    )  # fmt: skip
    return order


def test_the_administrator_sees_every_chart_with_its_table(admin_client, school):
    teacher, other, mine, theirs = school
    buyers = add_students(mine, 3, completed=True)
    add_students(theirs, 2, start=10)
    sell(mine, buyers[0], Decimal("40.00"))
    sell(theirs, buyers[1], Decimal("25.50"), days_ago=3)
    html = admin_client.get(HOME).content.decode()
    assert "How the school is doing" in html
    for key in ("revenue", "new_students", "enrollments", "completions"):
        assert f'<canvas id="figure-{key}"' in html
        assert f'aria-labelledby="figure-{key}-title"' in html
    assert html.count("<details>") >= 4 and "Revenue as a table" in html
    assert "$65.50" in html  # the revenue total, in the site currency
    assert 'role="img"' in html and "The same figures are in the table below." in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "accounts/school-figures.js" in html
    assert "Botany basics" in html and "Zoology secrets" in html  # top courses
    assert 'id="aula-figures-data"' in html


def test_the_instructor_sees_only_their_own_courses_figures(client, school):
    teacher, other, mine, theirs = school
    buyers = add_students(mine, 2)
    add_students(theirs, 5, start=10)
    sell(mine, buyers[0], Decimal("40.00"))
    sell(theirs, buyers[1], Decimal("99.00"))
    client.force_login(teacher)
    html = client.get(HOME).content.decode()
    assert '<canvas id="figure-enrollments"' in html and '<canvas id="figure-revenue"' in html
    assert '<canvas id="figure-new_students"' not in html  # the school's sign-ups are the administrators'
    assert "Botany basics" in html and "Zoology secrets" not in html
    assert "$40.00" in html and "$99.00" not in html and "$139.00" not in html
    assert "essays waiting" in html  # they grade their courses' essays


def test_a_moderator_sees_no_charts(client, school):
    client.force_login(factories.moderator())
    html = client.get(HOME).content.decode()
    assert '<canvas id="figure-' not in html


def test_the_period_is_chosen_by_a_select(admin_client, school):
    teacher, other, mine, theirs = school
    add_students(mine, 4, days_ago=100)  # four months ago: outside 30 days, inside 12 months
    days = admin_client.get(HOME).content.decode()
    months = admin_client.get(HOME, {"period": "12m"}).content.decode()
    assert '<option value="12m" selected>' in months and '<option value="30d" selected>' in days
    assert 'Enrollments <span class="aula-figures__total">total 4</span>' in months
    assert 'Enrollments <span class="aula-figures__total">total 0</span>' in days
    assert months.count('<th scope="row">', months.index("Enrollments as a table")) >= 12


def test_an_unknown_period_says_so_and_shows_the_default(admin_client, school):
    response = admin_client.get(HOME, {"period": "<script>forever"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a period this page knows: showing the last 30 days." in html
    assert "<script>forever" not in html and '<option value="30d" selected>' in html


def test_waiting_work_links_where_it_is_done(admin_client, school):
    html = admin_client.get(HOME).content.decode()
    assert reverse("grading:index") in html and "essays waiting" in html
    assert reverse("discussion_posts:index") + "?flagged=true&amp;hidden=false" in html and "reports waiting" in html


@pytest.mark.parametrize("who", ["administrator", "instructor"])
def test_the_admin_home_query_count_is_flat(client, admin_user, school, no_caching, who):
    teacher, other, mine, theirs = school
    client.force_login(admin_user if who == "administrator" else teacher)
    client.get(HOME)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME, {"period": "12m"}).status_code == 200
        return len(queries)

    buyers = add_students(mine, 5, completed=True)
    sell(mine, buyers[0], Decimal("10"))
    small = measure()
    more = add_students(theirs, 200, start=100, days_ago=40, completed=True)
    more += add_students(mine, 100, start=500, days_ago=20, completed=True)
    for number, buyer in enumerate(more[:30] + more[-30:]):
        sell(theirs if number < 30 else mine, buyer, Decimal("5"), days_ago=number % 30 * 9)
    for number in range(6):
        course = factories.build_course(title=f"Extra {number}", slug=f"extra-{number}", owner=teacher, sections=0)
        add_students(course, 3, start=1000 + 10 * number)
    large = measure()
    assert small == large


# --- a course's statistics page --------------------------------------------------------


def statistics(course):
    return reverse("course_statistics:detail", args=(course.pk,))


def test_a_courses_statistics_show_its_own_charts(client, school):
    teacher, other, mine, theirs = school
    buyers = add_students(mine, 2, completed=True)
    add_students(theirs, 7, start=10)
    sell(mine, buyers[0], Decimal("40.00"))
    sell(theirs, buyers[1], Decimal("99.00"))
    client.force_login(teacher)
    html = client.get(statistics(mine), {"period": "12m"}).content.decode()
    for key in ("revenue", "enrollments", "completions"):
        assert f'<canvas id="figure-{key}"' in html
    assert "Enrollments as a table" in html and "total 2" in html and "total 7" not in html
    assert "$40.00" in html and "$99.00" not in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_another_instructors_course_statistics_are_refused(client, school):
    teacher, other, mine, theirs = school
    client.force_login(teacher)
    assert client.get(statistics(theirs), {"period": "12m"}).status_code == 403
    assert client.get("/admin/learning/statistics/999999/").status_code == 403
    assert client.get("/admin/learning/statistics/abc/", follow=True).status_code == 404


def test_a_bad_period_on_the_statistics_page_is_a_message(client, school):
    teacher, other, mine, theirs = school
    client.force_login(teacher)
    response = client.get(statistics(mine), {"period": "7y"})
    assert response.status_code == 200
    assert "“7y” is not a period this page knows" in response.content.decode()


def test_the_statistics_query_count_is_flat(client, school, no_caching):
    teacher, other, mine, theirs = school
    client.force_login(teacher)
    client.get(statistics(mine))

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(statistics(mine), {"period": "12m"}).status_code == 200
        return len(queries)

    buyers = add_students(mine, 3)
    sell(mine, buyers[0], Decimal("10"))
    small = measure()
    more = add_students(mine, 150, start=100, days_ago=60, completed=True)
    for number, buyer in enumerate(more[:20]):
        sell(mine, buyer, Decimal("5"), days_ago=number * 15)
    assert measure() == small
