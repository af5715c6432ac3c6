"""One course is never paid for twice (issue 21, item 1): a buyer has at most one open order
for a course, and a payment that gives nothing new goes back by itself, which the buyer and
the admin are told."""

from decimal import Decimal
from urllib.parse import parse_qs

import responses
from django.core import mail
from django.urls import reverse

from commerce.models import Order, OrderLine, Refund
from courses.learning.enrollment import Source, enroll
from courses.models import Enrollment

from .helpers import check_out, dev_pay
from .stripe_fakes import API, deliver, event, session

REFUNDED = {"id": "re_1", "object": "refund", "status": "succeeded"}


def stripe_session(order, session_id, payment_intent):
    return {**session(order, session_id=session_id), "payment_intent": payment_intent}


def start_stripe(client, order, no_network, session_id="cs_test_1"):
    no_network.add(responses.POST, f"{API}/checkout/sessions", json=session(order, session_id=session_id))
    return client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "stripe"})


def order_page(client, order):
    return client.get(reverse("commerce:order", args=[order.pk])).content.decode()


def refunded_intents(no_network):
    calls = [call.request for call in no_network.calls if call.request.url.endswith("/refunds")]
    return [parse_qs(request.body)["payment_intent"][0] for request in calls]


def test_checking_out_the_same_cart_again_reuses_the_pending_order(buyer_client, buyer, course_a, no_network):
    _response, first = check_out(buyer_client, course_a)
    start_stripe(buyer_client, first, no_network)  # abandoned on Stripe's page
    response, second = check_out(buyer_client, course_a)
    assert second is None
    assert list(Order.objects.filter(user=buyer).values_list("pk", "status")) == [(first.pk, Order.Status.PENDING)]
    assert response.redirect_chain[-1][0] == reverse("commerce:pay", args=[first.pk])


def test_paying_again_expires_the_stripe_page_left_open(
    buyer_client, course_a, no_network, django_capture_on_commit_callbacks
):
    _response, order = check_out(buyer_client, course_a)
    start_stripe(buyer_client, order, no_network, "cs_first")
    expire = no_network.add(responses.POST, f"{API}/checkout/sessions/cs_first/expire", json={"id": "cs_first"})
    no_network.replace(responses.POST, f"{API}/checkout/sessions", json=session(order, session_id="cs_second"))
    with django_capture_on_commit_callbacks(execute=True):
        buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "stripe"})
    assert expire.call_count == 1
    order.refresh_from_db()
    assert order.provider_reference == "cs_second" and order.status == Order.Status.PENDING


def test_a_new_checkout_replaces_the_pending_order_it_overlaps(
    buyer_client, buyer, course_a, course_b, no_network, django_capture_on_commit_callbacks
):
    _response, first = check_out(buyer_client, course_a)
    start_stripe(buyer_client, first, no_network)
    expire = no_network.add(responses.POST, f"{API}/checkout/sessions/cs_test_1/expire", json={"id": "cs_test_1"})
    with django_capture_on_commit_callbacks(execute=True):
        _response, second = check_out(buyer_client, course_a, course_b)
    first.refresh_from_db()
    assert first.status == Order.Status.CANCELED
    assert f"Replaced by order {second.number}." in order_page(buyer_client, first)
    assert expire.call_count == 1  # Stripe no longer takes money for it
    assert list(Order.objects.filter(user=buyer, status=Order.Status.PENDING)) == [second]


def test_a_pending_order_for_other_courses_stays_open(buyer_client, buyer, course_a, course_b):
    _response, first = check_out(buyer_client, course_b)
    _response, second = check_out(buyer_client, course_a)
    assert set(Order.objects.filter(user=buyer, status=Order.Status.PENDING)) == {first, second}


def test_a_late_payment_of_a_replaced_order_is_refunded_and_both_buyer_and_admin_are_told(
    client, admin_user, buyer_client, buyer, course_a, course_b, no_network, django_capture_on_commit_callbacks
):
    """The issue's case: the buyer leaves Stripe's page open, checks out again, pays the new
    order, then completes the old page too."""
    _response, first = check_out(buyer_client, course_a)
    start_stripe(buyer_client, first, no_network, "cs_old")
    refused = {"error": {"message": "Only Checkout Sessions with a status of open can be expired."}}
    no_network.add(responses.POST, f"{API}/checkout/sessions/cs_old/expire", status=400, json=refused)
    no_network.add(responses.POST, f"{API}/refunds", json=REFUNDED)
    with django_capture_on_commit_callbacks(execute=True):
        _response, second = check_out(buyer_client, course_a, course_b)
        deliver(buyer_client, event("checkout.session.completed", stripe_session(second, "cs_new", "pi_new"), "evt_1"))
        late = event("checkout.session.completed", stripe_session(first, "cs_old", "pi_old"), "evt_2")
        assert deliver(buyer_client, late).status_code == 200
    assert refunded_intents(no_network) == ["pi_old"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Order.Status.CANCELED and second.is_paid
    assert Enrollment.objects.filter(user=buyer).count() == 2
    text = order_page(buyer_client, first)
    assert (
        f"Your payment ($49.00) arrived after this order was closed, so it was refunded. "
        f"Replaced by order {second.number}."
    ) in text
    client.force_login(admin_user)
    listing = client.get(reverse("refunds:index")).content.decode()
    assert first.number in listing and "pi_old" in listing and "A payment for an order no longer open" in listing
    inspect = client.get(reverse("orders:inspect", args=[first.pk])).content.decode()
    assert "pi_old" in inspect and "Refunded" in inspect


def test_a_paid_order_that_gives_nothing_new_is_refunded_and_says_so(
    client, admin_user, buyer_client, buyer, course_a, no_network, django_capture_on_commit_callbacks
):
    """Checked out, then enrolled by staff before paying: the payment goes back."""
    _response, order = check_out(buyer_client, course_a)
    start_stripe(buyer_client, order, no_network)
    enroll(buyer, course_a, Source.ADMIN)
    no_network.add(responses.POST, f"{API}/refunds", json=REFUNDED)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(buyer_client, event("checkout.session.completed", session(order))).status_code == 200
    assert refunded_intents(no_network) == ["pi_test_1"]
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED and order.refunded_at
    assert Enrollment.objects.get(user=buyer).source == Source.ADMIN  # untouched
    notice = "You already had everything in this order, so your payment ($49.00) was refunded."
    assert notice in order_page(buyer_client, order)
    assert len(mail.outbox) == 1 and notice in mail.outbox[0].body
    assert "You can start learning now" not in mail.outbox[0].body
    client.force_login(admin_user)
    listing = client.get(reverse("refunds:index") + "?reason=nothing_new").content.decode()
    assert order.number in listing and "The buyer already had everything in the order" in listing


def test_orders_placed_twice_before_this_release_are_paid_once(
    buyer_client, buyer, course_a, no_network, django_capture_on_commit_callbacks
):
    """Two open orders for one course (as the cart allowed before): both paid, the second
    payment goes back."""
    _response, first = check_out(buyer_client, course_a)
    second = Order.objects.create(user=buyer, currency="USD", subtotal=first.total, total=first.total)
    line = first.lines.get()
    OrderLine.objects.create(order=second, kind=line.kind, item_key=line.item_key, course=line.course,
                             title=line.title, list_price=line.list_price, amount=line.amount)  # fmt: skip
    no_network.add(responses.POST, f"{API}/refunds", json=REFUNDED)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(buyer_client, event("checkout.session.completed", stripe_session(first, "cs_1", "pi_1"), "evt_1"))
        deliver(buyer_client, event("checkout.session.completed", stripe_session(second, "cs_2", "pi_2"), "evt_2"))
    assert refunded_intents(no_network) == ["pi_2"]
    assert Order.objects.get(pk=first.pk).is_paid
    assert Order.objects.get(pk=second.pk).status == Order.Status.REFUNDED


def test_the_development_provider_says_the_payment_goes_back(buyer_client, buyer, course_a):
    _response, order = check_out(buyer_client, course_a)
    enroll(buyer, course_a, Source.ADMIN)
    response = dev_pay(buyer_client, order)
    text = response.content.decode()
    assert "You already had everything in this order, so your payment ($49.00) is being refunded." in text
    assert "Payment received" not in text


def test_a_refund_the_provider_refuses_is_shown_as_failed_and_staff_can_refund_by_hand(
    client, admin_user, buyer_client, buyer, course_a, no_network, django_capture_on_commit_callbacks
):
    _response, order = check_out(buyer_client, course_a)
    enroll(buyer, course_a, Source.ADMIN)
    no_network.add(responses.POST, f"{API}/refunds", status=500, json={"error": {"message": "try later"}})
    with django_capture_on_commit_callbacks(execute=True):
        deliver(buyer_client, event("checkout.session.completed", session(order)))
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.FAILED and refund.amount == Decimal("49.00")
    assert "is being refunded" in order_page(buyer_client, order)
    client.force_login(admin_user)
    listing = client.get(reverse("refunds:index") + "?status=failed").content.decode()
    assert order.number in listing and "Failed: refund it at the provider" in listing
    no_network.replace(responses.POST, f"{API}/refunds", json=REFUNDED)
    client.post(reverse("orders:refund", args=[order.pk]))
    refund.refresh_from_db()
    assert refund.status == Refund.Status.DONE
    assert Order.objects.get(pk=order.pk).status == Order.Status.REFUNDED
    assert "was refunded" in order_page(buyer_client, order)


def test_a_second_payment_of_a_paid_order_is_told_to_the_buyer(
    buyer_client, course_a, no_network, django_capture_on_commit_callbacks
):
    _response, order = check_out(buyer_client, course_a)
    dev_pay(buyer_client, order)
    no_network.add(responses.POST, f"{API}/refunds", json=REFUNDED)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(buyer_client, event("checkout.session.completed", session(order)))
    assert refunded_intents(no_network) == ["pi_test_1"]
    assert "This order was already paid, so your second payment ($49.00) was refunded." in order_page(
        buyer_client, order
    )
    assert Order.objects.get(pk=order.pk).is_paid
