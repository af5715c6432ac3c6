"""From a cart to an order: who may check out, and the order's lines and totals, computed
here on the server from the cart's items (never from anything the browser sends)."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .cart import cart_quote
from .exceptions import CheckoutError
from .models import Order, OrderLine


def has_verified_email(user):
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def check_buyer(user):
    if not user.is_authenticated:
        raise CheckoutError(_("Log in to check out."))
    if not has_verified_email(user):
        raise CheckoutError(_("Verify your e-mail address before buying: we sent you a link when you signed up."))


def place_order(user, cart):
    """A pending order for the cart as priced now. Raises CheckoutError when the cart changed
    (an item withdrawn, a coupon no longer valid): the buyer sees the cart again first."""
    check_buyer(user)
    code = cart.coupon_code
    result, notes = cart_quote(cart, user)
    if notes:
        raise CheckoutError(" ".join(str(note) for note in notes))
    if not result.lines:
        raise CheckoutError(_("Your cart is empty."))
    with transaction.atomic():
        order = Order.objects.create(
            user=user, currency=result.currency, subtotal=result.subtotal, discount=result.discount,
            total=result.total, coupon=result.coupon, coupon_code=code if result.coupon else "",
            language=get_language() or "en",
        )  # fmt: skip
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order, kind=line.kind, item_key=line.key, title=line.title,
                course=line.page if line.kind == OrderLine.Kind.COURSE else None,
                program=line.page if line.kind == OrderLine.Kind.PROGRAM else None,
                list_price=line.list_price, discount=line.discount, amount=line.amount,
            )
            for line in result.lines
        )  # fmt: skip
    cart.clear()
    return order
