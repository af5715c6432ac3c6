from decimal import Decimal
from urllib.parse import parse_qs

import pytest
import responses
from django.urls import reverse

from commerce.models import Coupon, Order
from courses.learning.enrollment import Source, enroll
from courses.models import Enrollment
from courses.signals import enrollment_ended
from courses.tests.factories import instructor

from . import factories
from .helpers import check_out, dev_pay
from .stripe_fakes import API, deliver, event, session

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")


@pytest.fixture
def paid_order(buyer_client, course_a):
    _response, order = check_out(buyer_client, course_a)
    dev_pay(buyer_client, order)
    order.refresh_from_db()
    return order


@pytest.fixture
def stripe_order(buyer_client, course_b):
    _response, order = check_out(buyer_client, course_b)
    deliver(buyer_client, event("checkout.session.completed", session(order)))
    order.refresh_from_db()
    assert order.is_paid
    return order


def test_admins_list_filter_and_export_orders(client, admin_user, paid_order, stripe_order):
    client.force_login(admin_user)
    listing = client.get(reverse("orders:index"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert paid_order.number in text and stripe_order.number in text
    filtered = client.get(reverse("orders:index") + "?provider=stripe").content.decode()
    assert stripe_order.number in filtered and paid_order.number not in filtered
    by_date = client.get(reverse("orders:index") + "?created_at_from=2000-01-01&status=paid")
    assert by_date.status_code == 200
    csv = client.get(reverse("orders:index") + "?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert paid_order.number in body and stripe_order.number in body and "pi_test_1" in body
    assert client.get(reverse("orders:inspect", args=[paid_order.pk])).status_code == 200


def test_orders_cannot_be_added_or_edited_in_the_admin(client, admin_user, paid_order):
    client.force_login(admin_user)
    assert client.get("/admin/commerce/orders/new/").status_code in (302, 403, 404)
    assert client.get(f"/admin/commerce/orders/edit/{paid_order.pk}/").status_code in (302, 403, 404)


def test_students_and_instructors_do_not_see_orders(client, buyer, paid_order):
    client.force_login(instructor())
    assert client.get(reverse("orders:index")).status_code in (302, 403)
    assert client.get(reverse("orders:refund", args=[paid_order.pk])).status_code == 403


def test_refunding_a_stripe_order_goes_through_stripe_and_ends_the_enrollment(
    client, admin_user, stripe_order, course_b, no_network
):
    no_network.add(responses.POST, f"{API}/refunds", json={"id": "re_1", "object": "refund", "status": "succeeded"})
    heard = []
    enrollment_ended.connect(lambda **kw: heard.append(kw["reason"]), weak=False, dispatch_uid="test-heard")
    client.force_login(admin_user)
    assert client.get(reverse("orders:refund", args=[stripe_order.pk])).status_code == 200
    response = client.post(reverse("orders:refund", args=[stripe_order.pk]), follow=True)
    assert "refunded; 1 enrollment(s) ended" in response.content.decode()
    assert parse_qs(no_network.calls[0].request.body)["payment_intent"] == ["pi_test_1"]
    assert no_network.calls[0].request.headers["Idempotency-Key"] == "aula-refund-pi_test_1"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.REFUNDED and stripe_order.refunded_at
    assert not Enrollment.objects.filter(user=stripe_order.user, course_key=course_b.translation_key).exists()
    assert heard == ["refund"]
    enrollment_ended.disconnect(dispatch_uid="test-heard")


def test_a_refund_stripe_refuses_changes_nothing(client, admin_user, stripe_order, no_network):
    no_network.add(
        responses.POST, f"{API}/refunds", status=400,
        json={"error": {"type": "invalid_request_error", "message": "Charge already refunded."}},
    )  # fmt: skip
    client.force_login(admin_user)
    response = client.post(reverse("orders:refund", args=[stripe_order.pk]), follow=True)
    assert "Stripe refused the refund" in response.content.decode()
    stripe_order.refresh_from_db()
    assert stripe_order.is_paid
    assert Enrollment.objects.filter(user=stripe_order.user).exists()


def test_a_refund_ends_only_what_the_order_gave(client, admin_user, buyer, bundle, course_a, course_b):
    enroll(buyer, course_a, Source.ADMIN)
    buyer_client = client
    buyer_client.force_login(buyer)
    _response, order = check_out(buyer_client, bundle)
    dev_pay(buyer_client, order)
    client.force_login(admin_user)
    client.post(reverse("orders:refund", args=[order.pk]))
    assert Enrollment.objects.filter(user=buyer, course_key=course_a.translation_key).exists()
    assert not Enrollment.objects.filter(user=buyer, course_key=course_b.translation_key).exists()


def test_an_order_refunded_twice_is_refused_the_second_time(client, admin_user, paid_order):
    client.force_login(admin_user)
    client.post(reverse("orders:refund", args=[paid_order.pk]))
    response = client.post(reverse("orders:refund", args=[paid_order.pk]), follow=True)
    assert "Only a paid order can be refunded." in response.content.decode()


def test_coupons_are_a_snippet_with_normalised_codes(client, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_commerce_coupon:add")
    data = {"code": " spring25 ", "kind": "percent", "value": "25", "max_per_user": "1", "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Coupon.objects.get().code == "SPRING25"
    response = client.post(url, {**data, "code": "BAD", "value": "150"})
    assert response.status_code == 200
    assert not Coupon.objects.filter(code="BAD").exists()


def test_revenue_per_course_and_month(client, admin_user, paid_order, stripe_order, course_a, course_b):
    client.force_login(admin_user)
    response = client.get(reverse("commerce_revenue"))
    rows = {row["title"]: row["revenue"] for row in response.context["by_item"]}
    assert rows == {"Data course": Decimal("49.00"), "Design course": Decimal("30.00")}
    assert response.context["by_month"][0]["revenue"] == Decimal("79.00")


def test_instructors_see_the_revenue_of_their_own_courses(client, paid_order, stripe_order, course_a):
    teacher = instructor()
    course_a.instructors.add(teacher)
    course_a.save()
    client.force_login(teacher)
    response = client.get(reverse("commerce_revenue"))
    assert [row["title"] for row in response.context["by_item"]] == ["Data course"]
    client.force_login(factories.buyer())
    assert client.get(reverse("commerce_revenue")).status_code in (302, 403)


def test_an_instructor_sees_the_revenue_of_their_course_on_its_statistics_page(client, paid_order, course_a):
    teacher = instructor()
    course_a.instructors.add(teacher)
    course_a.save()
    client.force_login(teacher)
    response = client.get(reverse("course_statistics:detail", args=[course_a.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Revenue" in text and "$49.00" in text
    assert ("Sales (paid orders)", 1) in response.context["contributed_rows"]


def test_a_refund_of_an_upgraded_audit_leaves_the_audit_and_its_progress(client, admin_user, buyer_client, buyer):
    """The order gave the upgrade, not the enrollment: a refund takes back the upgrade only."""
    from courses.learning.progress import mark_complete
    from courses.models import Completion, ResourcePage

    course = factories.paid_course("Auditable", "20.00", audit_allowed=True)
    enroll(buyer, course, Source.AUDIT)
    mark_complete(buyer, ResourcePage.objects.descendant_of(course).live().first())
    _response, order = check_out(buyer_client, course)
    dev_pay(buyer_client, order)
    assert Enrollment.objects.get(user=buyer).source == Source.PURCHASE
    client.force_login(admin_user)
    response = client.post(reverse("orders:refund", args=[order.pk]), follow=True)
    assert "refunded; 1 enrollment(s) ended" in response.content.decode()
    assert Enrollment.objects.get(user=buyer, course_key=course.translation_key).source == Source.AUDIT
    assert Completion.objects.filter(user=buyer, course_key=course.translation_key).count() == 1
