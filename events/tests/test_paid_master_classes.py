from datetime import timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from commerce.models import Order, OrderLine, Refund
from commerce.tests.factories import paid_course
from commerce.tests.helpers import dev_pay
from events import registration as registrations
from events.models import Registration

Status = Registration.Status


def buy(client, page):
    """Add the class to the cart, check out and pay with the development provider."""
    client.post(reverse("commerce:cart_add"), {"kind": "master_class", "page": page.pk})
    before = set(Order.objects.values_list("pk", flat=True))
    client.post(reverse("commerce:checkout"), follow=True)
    order = Order.objects.exclude(pk__in=before).first()
    assert order is not None, "no order was placed"
    dev_pay(client, order)
    order.refresh_from_db()
    return order


def test_paying_for_a_class_registers_the_buyer(student_client, student, paid_class):
    order = buy(student_client, paid_class)
    assert order.status == Order.Status.PAID and order.total == paid_class.price
    line = order.lines.get()
    assert (line.kind, line.item_key, line.course_id, line.program_id) == (
        "master_class",
        paid_class.translation_key,
        None,
        None,
    )
    registration = Registration.objects.get(user=student)
    assert (registration.status, registration.order_id) == (Status.REGISTERED, order.pk)


def test_a_registered_buyer_cannot_add_the_class_again(student_client, student, paid_class):
    buy(student_client, paid_class)
    response = student_client.post(
        reverse("commerce:cart_add"), {"kind": "master_class", "page": paid_class.pk}, follow=True
    )
    assert "registered for this master class already" in response.content.decode()
    assert student_client.session.get("aula_cart", {}).get("items", []) == []


def test_a_free_class_is_not_sold(student_client, free_class):
    response = student_client.post(
        reverse("commerce:cart_add"), {"kind": "master_class", "page": free_class.pk}, follow=True
    )
    assert "is free: register from its page" in response.content.decode()


def test_a_class_is_checked_out_on_its_own(student_client, paid_class, db):
    course = paid_course("Data course", "49.00")
    student_client.post(reverse("commerce:cart_add"), {"kind": "course", "page": course.pk})
    response = student_client.post(
        reverse("commerce:cart_add"), {"kind": "master_class", "page": paid_class.pk}, follow=True
    )
    assert "is bought on its own" in response.content.decode()


def test_a_full_class_is_sold_onto_the_waiting_list_with_a_note(student_client, student, paid_class):
    paid_class.capacity = 1
    paid_class.save_revision().publish()
    registrations.register(
        UserFactory(), paid_class, order=Order.objects.create(user=UserFactory(), currency="USD", subtotal=0, total=0)
    )
    student_client.post(reverse("commerce:cart_add"), {"kind": "master_class", "page": paid_class.pk})
    assert "paying puts you on its waiting list" in student_client.get(reverse("commerce:cart")).content.decode()
    buy(student_client, paid_class)
    assert Registration.objects.get(user=student).status == Status.WAITLISTED


def test_a_paid_seat_cancelled_before_the_deadline_is_refunded(
    student_client, student, paid_class, each_request_commits
):
    order = buy(student_client, paid_class)
    key = Registration.objects.get(user=student).key
    response = student_client.post(reverse("events:cancel", args=[key]), follow=True)
    assert "Your payment was refunded" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert Registration.objects.get(user=student).status == Status.CANCELLED


def test_a_paid_seat_cancelled_after_the_deadline_is_not_refunded(student_client, student, paid_class):
    order = buy(student_client, paid_class)
    key = Registration.objects.get(user=student).key
    late = paid_class.start - timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=late):
        student_client.post(reverse("events:cancel", args=[key]))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert Registration.objects.get(user=student).status == Status.CANCELLED


def test_a_staff_refund_cancels_the_seat_and_promotes_the_next(student_client, student, paid_class):
    from commerce.refunds import refund_order

    paid_class.capacity = 1
    paid_class.save_revision().publish()
    order = buy(student_client, paid_class)
    waiting = UserFactory()
    registrations.register(
        waiting, paid_class, order=Order.objects.create(user=waiting, currency="USD", subtotal=0, total=0)
    )
    refund_order(order)
    assert Registration.objects.get(user=student).status == Status.CANCELLED
    assert Registration.objects.get(user=waiting).status == Status.REGISTERED


def test_a_class_that_started_before_payment_fails_the_order_and_refunds(student_client, student, paid_class):
    student_client.post(reverse("commerce:cart_add"), {"kind": "master_class", "page": paid_class.pk})
    student_client.post(reverse("commerce:checkout"))
    order = Order.objects.get(user=student)
    with mock.patch("django.utils.timezone.now", return_value=paid_class.start + timedelta(minutes=1)):
        dev_pay(student_client, order)
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED and "started" in order.failure_reason
    assert Refund.objects.filter(order=order).exists()
    assert not Registration.objects.filter(user=student).exists()


def test_unseated_paid_waiting_places_are_refunded_when_the_class_starts(student_client, student, paid_class):
    from events.reminders import refund_unseated

    paid_class.capacity = 1
    paid_class.save_revision().publish()
    holder = UserFactory()
    registrations.register(
        holder, paid_class, order=Order.objects.create(user=holder, currency="USD", subtotal=0, total=0)
    )
    order = buy(student_client, paid_class)
    refund_unseated(paid_class.start + timedelta(minutes=1))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert Registration.objects.get(user=student).status == Status.CANCELLED
    assert timezone.now()  # the clock was not frozen


def test_order_lines_keep_the_registered_kind(student_client, paid_class):
    order = buy(student_client, paid_class)
    assert OrderLine.objects.filter(order=order, kind="master_class").count() == 1
