"""Honest totals (issue 26): on the cart, the payment page, the provider's page and the
order page each line shows its price before the coupon, the coupon is one line below and
the total is their difference — never a line already discounted with the coupon
subtracted again (44.10 − 4.90 = 44.10)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commerce.cart import Cart, cart_quote
from commerce.totals import totals_of

from . import factories
from .helpers import add, check_out, dev_pay

CELL = re.compile(r'data-totals="(\w+)"[^>]*>([^<]+)<')


def totals_in(html):
    """``{"subtotal": "$49.00", "discount": "−$4.90", "total": "$44.10"}`` and the lines' prices."""
    cells = dict(CELL.findall(html))
    table = html[html.index("commerce-totals") : html.index("</table>", html.index("commerce-totals"))]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    prices = re.findall(r'<td class="text-end text-nowrap">(?:<s[^>]*>.*?</s> )?([^<]+)</td>', body)
    return cells, prices


def pages_of(client, order):
    return {
        "payment page": client.get(reverse("commerce:pay", args=[order.pk])),
        "provider's page": client.get(reverse("commerce:dev_pay", args=[order.pk])),
    }


def test_a_coupon_is_one_line_below_list_prices_on_every_page(buyer_client, course_a):
    factories.coupon("WELCOME10")
    add(buyer_client, course_a)
    buyer_client.post(reverse("commerce:cart_coupon"), {"code": "WELCOME10"})
    cart = buyer_client.get("/en/cart/").content.decode()
    _response, order = check_out(buyer_client, course_a, coupon="WELCOME10")
    pages = {"cart": cart, **{name: r.content.decode() for name, r in pages_of(buyer_client, order).items()}}
    paid = dev_pay(buyer_client, order)
    pages["order page"] = paid.content.decode()
    for name, html in pages.items():
        cells, prices = totals_in(html)
        assert prices == ["$49.00"], name
        assert cells == {"subtotal": "$49.00", "discount": "−$4.90", "total": "$44.10"}, name
        assert "Coupon WELCOME10" in html, name


def test_lines_sum_to_the_subtotal_and_the_coupon_is_subtracted_once(buyer_client, buyer, course_a, course_b):
    factories.coupon("FIVEOFF", kind="fixed", value="5.00")
    _response, order = check_out(buyer_client, course_a, course_b, coupon="FIVEOFF")
    totals = totals_of(order)
    assert [line.price for line in totals.lines] == [Decimal("49.00"), Decimal("30.00")]
    assert totals.subtotal == Decimal("79.00") and totals.discount == Decimal("5.00")
    assert totals.total == totals.subtotal - totals.discount == order.total == Decimal("74.00")
    html = buyer_client.get(order.get_absolute_url()).content.decode()
    cells, prices = totals_in(html)
    assert prices == ["$49.00", "$30.00"] and cells["total"] == "$74.00"


def test_a_quote_and_its_order_have_the_same_totals(buyer_client, buyer, course_a, bundle, rf):
    from courses.learning.enrollment import Source, enroll

    enroll(buyer, course_a, Source.PURCHASE)  # owns one course of the bundle: the program rule
    factories.coupon("WELCOME10")
    add(buyer_client, bundle, "program")
    buyer_client.post(reverse("commerce:cart_coupon"), {"code": "WELCOME10"})
    quote, _notes = cart_quote(Cart(buyer_client.session), buyer)
    before = totals_of(quote)
    _response, order = check_out(buyer_client, coupon="WELCOME10")
    after = totals_of(order)
    shape = lambda t: (  # noqa: E731
        [(line.title, line.list_price, line.price, line.discount, line.amount) for line in t.lines],
        t.subtotal, t.discount, t.total, t.currency, t.coupon_code,
    )  # fmt: skip
    assert shape(before) == shape(after)
    assert before.lines[0].list_price == Decimal("60.00") and before.lines[0].price < Decimal("60.00")


def test_a_program_line_shows_its_list_price_struck_through_and_its_price(buyer_client, buyer, course_a, bundle):
    from courses.learning.enrollment import Source, enroll

    enroll(buyer, course_a, Source.PURCHASE)
    add(buyer_client, bundle, "program")
    html = buyer_client.get("/en/cart/").content.decode()
    struck = '<s class="small"><span class="visually-hidden">List price: </span>$60.00</s> $22.78'
    assert struck in html
    assert "You already own 1 of its courses" in html


def test_totals_of_something_else_is_a_type_error():
    with pytest.raises(TypeError):
        totals_of(object())
