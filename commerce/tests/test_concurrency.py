"""Coupon maximums and webhook idempotency under simultaneous requests (PostgreSQL and
MariaDB: SQLite serialises every write, so there is no race to lose)."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from commerce.fulfilment import COUPON_USED_UP
from commerce.models import CouponRedemption, Order, PaymentEvent
from core.tests.databases import row_locks
from courses.models import Enrollment
from courses.tests.factories import catalog

from . import factories
from .helpers import add, check_out, dev_pay
from .stripe_fakes import deliver, event, session

pytestmark = row_locks


def run_together(count, work):
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 — any exception is a failure of the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_checkouts_cannot_exceed_a_coupon_maximum_of_five():
    """Twenty buyers fill their carts, apply the coupon, check out and pay, all at once."""
    catalog()
    course = factories.paid_course("Race course", "40.00")
    coupon = factories.coupon("RACE5", value="25", max_redemptions=5)
    clients, buyers = [], []
    for index in range(20):
        buyers.append(factories.buyer(email=f"racer{index}@example.org"))
        clients.append(Client())
        clients[index].force_login(buyers[index])

    paying = threading.Barrier(20)  # every order placed before anyone pays: the race is at payment

    def buy(index):
        add(clients[index], course)
        clients[index].post(reverse("commerce:cart_coupon"), {"code": "race5"})
        clients[index].post(reverse("commerce:checkout"))
        order = Order.objects.get(user=buyers[index])
        assert order.coupon == coupon and order.total == 30
        paying.wait(timeout=120)
        return dev_pay(clients[index], order)

    responses = run_together(20, buy)

    assert all(response.status_code == 200 for response in responses)
    assert CouponRedemption.objects.filter(coupon=coupon).count() == 5
    assert Order.objects.filter(status=Order.Status.PAID).count() == 5
    failed = Order.objects.filter(status=Order.Status.FAILED)
    assert failed.count() == 15
    assert set(failed.values_list("failure_reason", flat=True)) == {str(COUPON_USED_UP)}
    told = [r for r in responses if "The coupon was used up by other buyers" in r.content.decode()]
    assert len(told) == 15
    assert Enrollment.objects.filter(course_key=course.translation_key).count() == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_deliveries_of_one_event_fulfil_once():
    catalog()
    course = factories.paid_course("Webhook course", "49.00")
    client = Client()
    client.force_login(factories.buyer())
    _response, order = check_out(client, course)
    payload = event("checkout.session.completed", session(order))

    responses = run_together(50, lambda index: deliver(Client(), payload))

    assert [response.status_code for response in responses] == [200] * 50
    assert PaymentEvent.objects.count() == 1
    order.refresh_from_db()
    assert order.is_paid
    assert Enrollment.objects.filter(user=order.user).count() == 1
    assert order.enrollments_given.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_buyer_checking_out_from_ten_tabs_at_once_has_one_open_order():
    """The same cart checked out from ten sessions at once: one pending order, reused."""
    catalog()
    course = factories.paid_course("Tabs course", "49.00")
    buyer = factories.buyer()
    clients = []
    for _index in range(10):
        clients.append(Client())
        clients[-1].force_login(buyer)
        add(clients[-1], course)

    run_together(10, lambda index: clients[index].post(reverse("commerce:checkout")))

    assert Order.objects.filter(user=buyer).count() == 1
