"""From the cart's "Pay" button to the provider in one step: the order is placed
(``checkout.place_order``) and the chosen provider started in the same request; a free or
100 %-off order is fulfilled at once, without a provider.

The buyer pays what they read: the cart's form sends the total and currency it showed
(``shown_total``), and a cart whose total or currency changed since (a coupon expired or
used up, the site's currency changed, a price edited) is shown again with its new total
instead of being charged. Nothing the form sends sets a price: the total is computed here.

A double-clicked "Pay" places one order: the second click finds the cart already checked
out by the first and goes on with that same order (``checkout.place_order`` also takes a
lock per buyer, so two clicks at once find the one pending order).

A pending order that can no longer be paid as it stands (its coupon was deleted, expired or
used up; the site's currency changed) goes back to the cart from its payment page: canceled,
nothing charged, its items back in the cart, priced anew. (Once the buyer is at the
provider, ``fulfilment.confirm_payment`` is the guard: a payment it cannot honour goes back.)
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import billing, fulfilment, gateways
from .cart import Cart, cart_quote
from .checkout import check_buyer, place_order
from .exceptions import CheckoutError, CouponError
from .models import Order
from .money import site_currency
from .pricing import find_coupon

LAST_ORDER_KEY = "aula_checkout_order"
NOTHING_CHARGED = _lazy("Nothing was charged: check your new total and pay.")


def shown_total(quote):
    """What the cart shows as its total, as the form sends it back: ``"USD 44.10"``."""
    return f"{quote.currency} {quote.total}"


def pay_cart(request, provider, shown):
    """Place the order for this visitor's cart and start paying it: ``(order, URL to go
    to)`` — the provider's page, or the order's page when nothing is to be paid — or
    CheckoutError saying why not (the cart then shows what changed), or PaymentError when
    the provider cannot start (the order is placed: ``order_just_placed``)."""
    user, cart = request.user, Cart(request.session)
    check_buyer(user)
    if not cart.items:
        order = order_just_placed(request)
        if order is None:
            raise CheckoutError(_("Your cart is empty."))
        return _go_on_with(order, provider, request)
    quote, notes = cart_quote(cart, user)  # a coupon gone, an item withdrawn: out of the cart, with a note
    if notes:
        raise CheckoutError(" ".join([*(str(note) for note in notes), str(NOTHING_CHARGED)]))
    if shown and shown != shown_total(quote):
        raise CheckoutError(_total_changed(quote, shown))
    refusals = billing.refusals_at_checkout(request.POST)
    if refusals:
        raise CheckoutError(" ".join([*refusals, str(NOTHING_CHARGED)]))
    order = place_order(user, cart)
    billing.save_at_checkout(order, user, request.POST)  # checked above; the tax follows the country
    request.session[LAST_ORDER_KEY] = order.pk
    return _go_on_with(order, provider, request)


def _total_changed(quote, shown):
    from courses.templatetags.course_tags import money

    currency = shown.split(" ", 1)[0]
    total = money(quote.total, quote.currency)
    if currency != quote.currency:
        return _("Prices are now in %(currency)s: nothing was charged. Your total is %(total)s; check it and pay.") % {
            "currency": quote.currency,
            "total": total,
        }
    return _("Your total changed to %(total)s since you opened your cart: nothing was charged; check it and pay.") % {
        "total": total
    }


def order_just_placed(request):
    """The order this browser's last "Pay" placed, when it is still open (a second click)."""
    order_id = request.session.get(LAST_ORDER_KEY)
    if not order_id:
        return None
    return Order.objects.filter(pk=order_id, user=request.user).exclude(status=Order.Status.CANCELED).first()


def _go_on_with(order, provider, request):
    if order.status == Order.Status.PENDING and not order.total:
        fulfilment.complete_free_order(order)  # idempotent: a second click changes nothing
        order.refresh_from_db()
    if order.status != Order.Status.PENDING:
        return order, order.get_absolute_url()
    if not provider:  # a form that names none (several to choose from): the order's payment page
        return order, reverse("commerce:pay", args=[order.pk])
    return order, start_provider(order, provider, request)


def start_provider(order, provider, request):
    """The provider's page for pending ``order`` (PaymentError for one not switched on)."""
    return gateways.gateway(provider).start(order, request)


def why_not_payable(order):
    """Why pending ``order`` cannot be paid as it stands, or None: the site's currency
    changed, or its coupon was deleted, switched off, expired or used up since it was placed."""
    if order.currency != site_currency():
        return _(
            "Prices are now in %(currency)s: your order in %(old)s was canceled and nothing was charged. "
            "Your cart shows the new total."
        ) % {"currency": site_currency(), "old": order.currency}
    if not order.coupon_code:
        return None
    if order.coupon_id is None:
        problem = _("There is no coupon “%(code)s”.") % {"code": order.coupon_code}
    else:
        try:
            find_coupon(order.coupon_code, order.user)
            return None
        except CouponError as error:
            problem = error.message
    return _("%(problem)s Your order was canceled and nothing was charged; your cart shows the new total.") % {
        "problem": problem
    }


def back_to_cart(order, session):
    """Cancel pending ``order`` (nothing was charged) and put its items back in the cart,
    without its coupon, to be priced anew."""
    canceled = fulfilment.fail_order(
        order.pk, _("Canceled before payment: its total changed."), status=Order.Status.CANCELED
    )
    if canceled is not None:  # a provider's page left open takes no money (a Stripe session expires)
        transaction.on_commit(lambda: gateways.abandon(canceled))
    cart = Cart(session)
    for line in order.lines.all():
        if str(line.item_key) not in cart:
            cart.items.append((line.kind, str(line.item_key)))
    cart.coupon_code = ""
    cart.save()
