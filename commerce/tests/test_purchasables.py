"""The registry of other things to buy (``commerce/purchasables.py``), with a kind made up
here: commerce prices, sells, fulfils and takes back items it knows nothing about."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commerce import purchasables
from commerce.models import Order
from commerce.refunds import refund_order
from courses.tests.factories import build_course, publish

from .helpers import dev_pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def gift_kind():
    """Any live page sold as a "gift" for 7.00; ``given`` records what fulfil and revoke did."""
    given = {"fulfilled": [], "revoked": [], "refuse": None}
    kind = purchasables.register(
        purchasables.Purchasable(
            kind="test_gift", label="Gift", model="courses.CoursePage", price=lambda page: Decimal("7.00"),
            refusal=lambda user, page: None, owned=lambda user, key: False,
            fulfil=lambda order, line: given["refuse"] or given["fulfilled"].append(line.item_key),
            revoke=lambda order, line: given["revoked"].append(line.item_key),
        )
    )  # fmt: skip
    yield given
    purchasables._kinds.pop(kind.kind)


def buy(client, page):
    client.post(reverse("commerce:cart_add"), {"kind": "test_gift", "page": page.pk})
    client.post(reverse("commerce:checkout"))
    order = Order.objects.latest("pk")
    dev_pay(client, order)
    order.refresh_from_db()
    return order


def test_a_registered_kind_is_priced_sold_fulfilled_and_taken_back(buyer_client, gift_kind):
    page = publish(build_course(title="Gift page", slug="gift-page"))
    order = buy(buyer_client, page)
    assert order.is_paid and order.total == Decimal("7.00")
    assert order.lines.get().kind == "test_gift"
    assert gift_kind["fulfilled"] == [page.translation_key]
    refund_order(order)
    assert gift_kind["revoked"] == [page.translation_key]


def test_an_item_that_cannot_be_given_fails_the_order_and_refunds_it(buyer_client, gift_kind):
    gift_kind["refuse"] = "Sold out."
    page = publish(build_course(title="Gift page", slug="gift-page"))
    order = buy(buyer_client, page)
    assert order.status == Order.Status.FAILED and order.failure_reason.startswith("Sold out.")
    assert order.refunds.count() == 1
