"""What a buyer reads as the sum of a cart, an order, a payment page or a receipt: one shape
for a ``Quote`` (not yet ordered) and an ``Order`` (stored), shown by one include,
``commerce/includes/totals.html``.

Each line shows its price before the coupon (and, struck through, its list price when the
program rule lowered it); the coupon is one line below the lines; the total is their
difference::

    Data visualisation        49.00
    Subtotal                  49.00
    Coupon WELCOME10          −4.90
    Total                     44.10

A line is never shown already discounted: the coupon is subtracted once, on its own line.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Order
from .pricing import Quote

ZERO = Decimal("0")


@dataclass
class TotalsLine:
    title: str
    kind: str
    key: str  # the item's translation key (the cart's "Remove" names it)
    list_price: Decimal  # as advertised
    price: Decimal  # what this buyer pays for it before the coupon (the program rule applied)
    discount: Decimal = ZERO  # its share of the coupon
    page: object = None  # the page, when there still is one (a link in the cart)
    owned_courses: int = 0  # of a program: how many of its courses the buyer owns already

    @property
    def amount(self):
        return self.price - self.discount


@dataclass
class Totals:
    lines: list
    currency: str
    coupon_code: str = ""
    total: Decimal = ZERO
    notes: dict = field(default_factory=dict)  # {translation key: sentence} shown under a line

    @property
    def subtotal(self):
        return sum((line.price for line in self.lines), ZERO)

    @property
    def discount(self):
        return sum((line.discount for line in self.lines), ZERO)


def totals_of(priced):
    """The totals of a ``Quote`` or an ``Order``."""
    if isinstance(priced, Quote):
        return _of_quote(priced)
    if isinstance(priced, Order):
        return _of_order(priced)
    raise TypeError(f"no totals for {type(priced).__name__}")


def _of_quote(quote):
    lines = [
        TotalsLine(
            title=line.title, kind=line.kind, key=str(line.key), list_price=line.list_price, price=line.price,
            discount=line.discount, page=line.page, owned_courses=len(line.owned_courses),
        )
        for line in quote.lines
    ]  # fmt: skip
    code = quote.coupon.code if quote.coupon else ""
    return Totals(lines, quote.currency, coupon_code=code, total=quote.total)


def _of_order(order):
    lines = [
        TotalsLine(
            title=line.title, kind=line.kind, key=str(line.item_key), list_price=line.list_price,
            price=line.amount + line.discount, discount=line.discount,
        )
        for line in order.lines.all()
    ]  # fmt: skip
    return Totals(lines, order.currency, coupon_code=order.coupon_code, total=order.total)
