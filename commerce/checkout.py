"""From a cart to an order: who may check out, and the order's lines and totals, computed
here on the server from the cart's items (never from anything the browser sends)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import gateways
from .cart import cart_quote
from .exceptions import CheckoutError
from .models import Order, OrderLine
from .tax import apply_tax


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
    """The pending order for the cart as priced now. Raises CheckoutError when the cart
    changed (an item withdrawn, a coupon no longer valid): the buyer sees the cart again first.

    A buyer never has two open orders for the same course: the same cart at the same price
    reuses their pending order; otherwise the new order replaces (cancels) every pending
    order that shares a course or program with it, and their providers are told where they
    can be (a Stripe Checkout Session is expired). A payment that still arrives for a replaced
    order is refunded (``fulfilment.confirm_payment``)."""
    check_buyer(user)
    code = cart.coupon_code
    result, notes = cart_quote(cart, user)
    if notes:
        raise CheckoutError(" ".join(str(note) for note in notes))
    if not result.lines:
        raise CheckoutError(_("Your cart is empty."))
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one checkout per buyer at a time
        pending = list(Order.objects.select_for_update().filter(user=user, status=Order.Status.PENDING))
        order = next((order for order in pending if _same(order, result)), None)
        if order is None:
            order = _create(user, result, code)
            covered = _keys_of_quote(result)
            replaced = [old for old in pending if _keys_of_order(old) & covered]
            for old in replaced:
                old.status = Order.Status.CANCELED
                old.failure_reason = _("Replaced by order %(number)s.") % {"number": order.number}
                old.save(update_fields=["status", "failure_reason"])
            if replaced:
                transaction.on_commit(lambda: [gateways.abandon(old) for old in replaced])
    cart.clear()
    return order


def _create(user, result, code):
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
    apply_tax(order)  # the tax in (or, prices excluding tax, added to) the total
    return order


def _same(order, result):
    """Whether pending ``order`` is the quote ``result``: same items, amounts, coupon, total."""
    lines = sorted((line.kind, str(line.item_key), line.amount) for line in order.lines.all())
    quoted = sorted((line.kind, str(line.key), line.amount) for line in result.lines)
    coupon_id = result.coupon.pk if result.coupon else None
    return (lines, order.total, order.currency, order.coupon_id) == (quoted, result.total, result.currency, coupon_id)


def _keys_of_order(order):
    """The translation keys an order is for: its items, and the courses of its programs."""
    keys = set()
    for line in order.lines.select_related("program"):
        keys.add(str(line.item_key))
        if line.kind == OrderLine.Kind.PROGRAM and line.program is not None:
            keys |= {str(key) for key in line.program.course_keys()}
    return keys


def _keys_of_quote(result):
    keys = set()
    for line in result.lines:
        keys.add(str(line.key))
        if line.kind == OrderLine.Kind.PROGRAM:
            keys |= {str(key) for key in line.page.course_keys()}
    return keys
