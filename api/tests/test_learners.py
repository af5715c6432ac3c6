"""A learner's progress and completions, certificates (verification data, never an
e-mail) and orders (read)."""

from decimal import Decimal

import pytest

from certificates.tests.factories import certificate_of, complete_course
from commerce.models import Order, OrderLine
from courses.learning.enrollment import Source, enroll
from courses.learning.progress import mark_complete
from courses.models import ResourcePage


def test_progress_counts_the_sites_requirements(api, student, free_course):
    enroll(student, free_course, Source.FREE)
    first = ResourcePage.objects.descendant_of(free_course).live().order_by("path").first()
    mark_complete(student, first)
    report = api.get(f"/api/v1/learners/{student.email}/progress/").json()
    assert report["learner_id"] == student.pk
    (course,) = report["courses"]
    assert (course["requirements_met"], course["requirements"], course["percent"]) == (1, 4, 25)
    assert [row["resource_key"] for row in course["completions"]] == [str(first.translation_key)]
    assert course["completed"] is False


def test_progress_of_one_course(api, student, free_course, paid_course):
    enroll(student, free_course, Source.FREE)
    enroll(student, paid_course, Source.ADMIN)
    report = api.get(f"/api/v1/learners/{student.pk}/progress/?course={paid_course.translation_key}").json()
    assert [course["course_title"] for course in report["courses"]] == ["Paid course"]


@pytest.mark.parametrize("learner,status", [("nobody@example.com", 404), ("424242", 404), ("abc", 400)])
def test_an_unknown_or_malformed_learner_is_refused(api, learner, status):
    response = api.get(f"/api/v1/learners/{learner}/progress/")
    assert response.status_code == status
    assert response.json()["error"]["message"]


def test_a_certificate_is_verified_without_the_holders_e_mail(api, student, free_course, settings):
    settings.SITE_URL = "http://testserver"
    complete_course(student, free_course)
    certificate = certificate_of(student, free_course)
    response = api.get(f"/api/v1/certificates/{certificate.display_code.lower()}/")
    assert response.status_code == 200
    facts = response.json()
    assert (facts["holder_name"], facts["title"], facts["revoked"]) == ("A Student", certificate.title, False)
    assert student.email not in response.content.decode()
    listed = api.get(f"/api/v1/learners/{student.pk}/certificates/").json()
    assert [row["code"] for row in listed["results"]] == [facts["code"]]
    assert student.email not in api.get(f"/api/v1/learners/{student.pk}/certificates/").content.decode()


@pytest.mark.parametrize("code", ["AAAA-AAAA-AAAA-AAAA", "short", "x" * 200])
def test_an_unknown_certificate_code_is_a_404(api, code):
    response = api.get(f"/api/v1/certificates/{code}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.fixture
def order(student, paid_course):
    order = Order.objects.create(
        user=student, status=Order.Status.PAID, currency="USD", subtotal=Decimal("49"), total=Decimal("49")
    )
    OrderLine.objects.create(
        order=order,
        kind=OrderLine.Kind.COURSE,
        course=paid_course,
        item_key=paid_course.translation_key,
        title="Paid course",
        list_price=Decimal("49"),
        amount=Decimal("49"),
    )
    return order


def test_orders_are_read_with_their_lines(api, order, student, user_factory):
    user_factory(email="other@example.com")
    listed = api.get(f"/api/v1/orders/?learner={student.email}&status=paid").json()
    assert [row["number"] for row in listed["results"]] == [order.number]
    detail = api.get(f"/api/v1/orders/{order.pk}/").json()
    assert (detail["total"], detail["lines"][0]["title"]) == ("49.00", "Paid course")
    assert api.get("/api/v1/orders/?learner=other@example.com").json()["count"] == 0
    assert api.get("/api/v1/orders/?status=lost").status_code == 400
    assert api.get(f"/api/v1/orders/{order.pk + 1}/").status_code == 404
