"""Orders in the admin: each order's page (lines, buyer, payments and the provider's
events, refunds, receipt) reached from the list, the actions (refund, resend the receipt),
the filters and exports, and who is refused."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import EDITORS
from accounts.tests.factories import UserFactory
from commerce.models import Order
from courses.tests.factories import instructor

from . import factories
from .helpers import check_out, dev_pay
from .stripe_fakes import deliver, event, session

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")


@pytest.fixture
def paid_order(buyer_client, course_a, django_capture_on_commit_callbacks):
    _response, order = check_out(buyer_client, course_a)
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    order.refresh_from_db()
    return order


@pytest.fixture
def stripe_order(buyer_client, course_b):
    factories.coupon("SPRING")
    _response, order = check_out(buyer_client, course_b, coupon="SPRING")
    deliver(buyer_client, event("checkout.session.completed", session(order)))
    order.refresh_from_db()
    assert order.is_paid and order.coupon_code == "SPRING"
    return order


@pytest.fixture
def admin_client(admin_user):
    """A browser of its own (``client`` is the buyer's)."""
    browser = Client()
    browser.force_login(admin_user)
    return browser


def listing(client, query=""):
    return client.get(reverse("orders:index") + query).content.decode()


def test_each_order_in_the_list_links_to_its_page_and_a_paid_one_offers_a_refund(admin_client, paid_order, buyer):
    pending = Order.objects.create(user=buyer, currency="USD", subtotal=Decimal(5), total=Decimal(5))
    html = listing(admin_client)
    assert f'href="{reverse("orders:inspect", args=[paid_order.pk])}"' in html
    assert f'href="{reverse("orders:inspect", args=[pending.pk])}"' in html
    assert reverse("orders:refund", args=[paid_order.pk]) in html
    assert reverse("orders:refund", args=[pending.pk]) not in html


def test_an_orders_page_shows_lines_buyer_events_refunds_receipt_and_actions(admin_client, stripe_order, no_network):
    from .stripe_fakes import API

    page = admin_client.get(reverse("orders:inspect", args=[stripe_order.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Design course" in html  # the line
    assert reverse("wagtailusers_users:learner", args=[stripe_order.user_id]) in html  # the buyer's learner page
    assert "checkout.session.completed" in html  # the provider's event
    assert reverse("commerce:receipt_pdf", args=[stripe_order.pk]) in html
    assert reverse("orders:refund", args=[stripe_order.pk]) in html
    assert reverse("orders:resend_receipt", args=[stripe_order.pk]) in html
    assert "Nothing was refunded." in html

    import responses

    no_network.add(responses.POST, f"{API}/refunds", json={"id": "re_1", "object": "refund", "status": "succeeded"})
    admin_client.post(reverse("orders:refund", args=[stripe_order.pk]))
    html = admin_client.get(reverse("orders:inspect", args=[stripe_order.pk])).content.decode()
    assert "Nothing was refunded." not in html and "pi_test_1" in html and "Refunded by staff" in html
    assert reverse("orders:refund", args=[stripe_order.pk]) not in html  # refunded: no second refund offered


def test_resending_a_receipt_emails_the_buyer_again(admin_client, paid_order, django_capture_on_commit_callbacks):
    sent = len(mail.outbox)
    assert sent == 1  # the receipt of the payment
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("orders:resend_receipt", args=[paid_order.pk]), follow=True)
    assert f"is on its way to {paid_order.user.email}" in response.content.decode()
    assert len(mail.outbox) == 2 and paid_order.number in mail.outbox[-1].subject
    invoice = paid_order.invoices.get(kind="invoice")
    assert mail.outbox[-1].attachments[0][0] == f"{invoice.number}.pdf"  # the receipt is the invoice


def test_an_unpaid_orders_receipt_cannot_be_resent(admin_client, buyer):
    pending = Order.objects.create(user=buyer, currency="USD", subtotal=Decimal(5), total=Decimal(5))
    response = admin_client.post(reverse("orders:resend_receipt", args=[pending.pk]), follow=True)
    assert "This order was never paid: it has no receipt." in response.content.decode()
    assert mail.outbox == []


def test_a_receipt_is_resent_only_by_post(admin_client, paid_order):
    assert admin_client.get(reverse("orders:resend_receipt", args=[paid_order.pk])).status_code == 405


def test_orders_filter_by_course_coupon_status_and_date(admin_client, paid_order, stripe_order, course_a, course_b):
    by_course = listing(admin_client, f"?course={course_a.translation_key}")
    assert paid_order.number in by_course and stripe_order.number not in by_course
    by_coupon = listing(admin_client, f"?coupon={stripe_order.coupon_id}")
    assert stripe_order.number in by_coupon and paid_order.number not in by_coupon
    future = listing(admin_client, "?created_at_from=2999-01-01")
    assert paid_order.number not in future and stripe_order.number not in future
    past = listing(admin_client, "?created_at_from=2000-01-01&created_at_to=2999-01-01&status=paid")
    assert paid_order.number in past and stripe_order.number in past
    refunded = listing(admin_client, "?status=refunded")
    assert paid_order.number not in refunded


def test_a_bad_filter_value_is_refused_not_a_500(admin_client, paid_order):
    response = admin_client.get(reverse("orders:index") + "?course=not-a-course&created_at_from=yesterday")
    assert response.status_code == 200


def test_the_filtered_list_exports_as_csv_and_xlsx(admin_client, paid_order, stripe_order, course_a):
    csv = admin_client.get(reverse("orders:index") + f"?export=csv&course={course_a.translation_key}")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert paid_order.number in body and stripe_order.number not in body
    xlsx = admin_client.get(reverse("orders:index") + "?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    assert content[:2] == b"PK"


@pytest.mark.parametrize("who", ["instructor", "editor", "student"])
def test_instructors_editors_and_students_are_refused_every_order_page_and_action(client, paid_order, who):
    user = {
        "instructor": instructor,
        "editor": lambda: UserFactory(groups=[EDITORS]),
        "student": factories.buyer,
    }[who]()
    client.force_login(user)
    for url in (reverse("orders:index"), reverse("orders:inspect", args=[paid_order.pk])):
        assert client.get(url).status_code in (302, 403), url
    assert client.get(reverse("orders:refund", args=[paid_order.pk])).status_code in (302, 403)
    assert client.post(reverse("orders:refund", args=[paid_order.pk])).status_code in (302, 403)
    assert client.post(reverse("orders:resend_receipt", args=[paid_order.pk])).status_code in (302, 403)
    paid_order.refresh_from_db()
    assert paid_order.is_paid


@pytest.mark.parametrize("count", [5, 40])
def test_the_orders_list_takes_the_same_queries_at_two_sizes(admin_client, buyer, count, django_assert_max_num_queries):
    Order.objects.bulk_create(
        Order(user=UserFactory(), currency="USD", subtotal=Decimal(9), total=Decimal(9), status=Order.Status.PAID)
        for _n in range(count)
    )
    admin_client.get(reverse("orders:index"))  # warm the caches
    with django_assert_max_num_queries(25):
        assert admin_client.get(reverse("orders:index")).status_code == 200


def test_a_refunded_free_order_says_there_was_no_payment_to_give_back(admin_client, buyer):
    free = Order.objects.create(
        user=buyer, currency="USD", subtotal=Decimal(10), discount=Decimal(10), total=Decimal(0),
        provider=Order.Provider.FREE, status=Order.Status.PAID,
    )  # fmt: skip
    admin_client.post(reverse("orders:refund", args=[free.pk]))
    html = admin_client.get(reverse("orders:inspect", args=[free.pk])).content.decode()
    assert "there was no payment at a provider to give back" in html and "Nothing was refunded." not in html
