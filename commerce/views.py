"""The buyer's pages: cart, checkout, payment, receipts. Each view asks a service and turns
its refusal (a CommerceError) into a message; nothing a form sends sets a price."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.waiting import address_awaiting_confirmation
from caching.private_responses import private_response

from . import cart as carts
from . import checkout, fulfilment, gateways, origin, paying, receipts, refunds
from .exceptions import CommerceError, PaymentError
from .gateways import dev, paypal, stripe
from .models import Order
from .pricing import quote
from .totals import totals_of


def _back(request, default, target=None):
    target = request.POST.get("next", "") if target is None else target
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect(default)


@private_response
def cart_page(request):
    """The cart is the checkout: its lines and totals, the coupon, and what the buyer needs
    to pay — sign up or log in, confirm their address, or the "Pay" button of each provider."""
    cart = carts.Cart(request.session)
    quote, notes = carts.cart_quote(cart, request.user)
    for note in notes:
        messages.warning(request, note)
    totals = totals_of(quote)
    totals.notes = carts.notes_of(request.user, [(line.kind, line.page) for line in quote.lines])
    context = {
        "quote": quote, "totals": totals, "cart": cart, "can_check_out": checkout.has_verified_email(request.user),
        "providers": gateways.available(), "shown_total": paying.shown_total(quote),
        "awaiting_address": address_awaiting_confirmation(request),
    }  # fmt: skip
    return render(request, "commerce/cart.html", context)


@csrf_exempt  # the buttons of shared pages carry no token: ``origin`` checks where they came from
@require_http_methods(["GET", "POST"])
def cart_add(request):
    """POST adds the item and stays on its page ("Buy now": goes to the cart, which is the
    checkout). A GET (an old link) changes nothing and goes back to the page."""
    if request.method == "GET":
        return _back(request, "commerce:cart", request.GET.get("next", ""))
    if not origin.sent_from_this_site(request):
        messages.error(request, _("This form did not come from this site: nothing was added to your cart."))
        return redirect("commerce:cart")
    cart = carts.Cart(request.session)
    try:
        page = carts.add(cart, request.user, request.POST.get("kind", "course"), request.POST.get("page"))
    except CommerceError as error:
        messages.error(request, error.message)
        return _back(request, "commerce:cart")
    if request.POST.get("buy_now"):
        return redirect("commerce:cart")
    messages.success(request, _("“%(title)s” is in your cart.") % {"title": page.title})
    return _back(request, "commerce:cart")


@require_POST
def cart_remove(request):
    carts.Cart(request.session).remove(request.POST.get("key", ""))
    return redirect("commerce:cart")


@require_POST
def cart_coupon(request):
    cart = carts.Cart(request.session)
    code = request.POST.get("code", "")[:40]
    if not code.strip() or request.POST.get("remove"):
        cart.set_coupon("")
        return redirect("commerce:cart")
    items, _notes = carts.resolve(cart, request.user)
    try:
        quote(request.user, items, code)
    except CommerceError as error:
        messages.error(request, error.message)
        return redirect("commerce:cart")
    cart.set_coupon(code)
    messages.success(request, _("Coupon applied."))
    return redirect("commerce:cart")


@require_POST
@login_required
def checkout_view(request):
    """The cart's "Pay" (or "Complete my free order"): the order is placed and its provider
    started in one step."""
    try:
        order, url = paying.pay_cart(request, request.POST.get("provider", ""), request.POST.get("shown_total", ""))
    except PaymentError as error:  # the provider could not start: the order waits on its payment page
        messages.error(request, error.message)
        order = paying.order_just_placed(request)
        return redirect("commerce:pay", order.pk) if order else redirect("commerce:cart")
    except CommerceError as error:
        messages.error(request, error.message)
        return redirect("commerce:cart")
    if order.provider == Order.Provider.FREE:
        if order.is_paid:
            messages.success(request, _("Your order is complete: you can start learning."))
        elif order.failure_reason:
            messages.error(request, order.failure_reason)
    return HttpResponseRedirect(url)


def _tell_outcome(request, order, processing=""):
    """A message for the buyer back from paying ``order``: paid, still processing, failed
    (why), and what happened to their money when it goes back."""
    order.refresh_from_db()
    notices = refunds.buyer_notices(order)
    if order.status in (Order.Status.FAILED, Order.Status.CANCELED) and order.failure_reason:
        messages.error(request, order.failure_reason)
    if notices:
        messages.warning(request, notices[-1])
    elif order.is_paid:
        messages.success(request, _("Payment received: you can start learning."))
    elif order.status == Order.Status.PENDING and processing:
        messages.info(request, processing)


def _own_pending_order(request, order_id):
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    if order.status != Order.Status.PENDING:
        raise Http404("not pending")
    return order


@private_response
@login_required
def pay(request, order_id):
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    if order.status != Order.Status.PENDING:
        return redirect(order.get_absolute_url())
    stale = paying.why_not_payable(order)
    if stale:
        return _back_to_cart(request, order, stale)
    if request.method == "POST":
        try:
            url = paying.start_provider(order, request.POST.get("provider", ""), request)
        except CommerceError as error:
            messages.error(request, error.message)
            return redirect("commerce:pay", order.pk)
        return HttpResponseRedirect(url)
    return render(request, "commerce/pay.html", {"order": order, "providers": gateways.available()})


def _back_to_cart(request, order, reason):
    paying.back_to_cart(order, request.session)
    messages.warning(request, reason)
    return redirect("commerce:cart")


@private_response
@login_required
def dev_pay(request, order_id):
    if not dev.is_configured():
        raise Http404("The development provider is off.")
    order = _own_pending_order(request, order_id)
    if request.method == "POST":
        if request.POST.get("decision") == "pay":
            fulfilment.confirm_payment(
                order.pk, provider=Order.Provider.DEV, amount=order.total, currency=order.currency,
                payment_reference=f"dev-{order.pk}",
            )  # fmt: skip
            _tell_outcome(request, order)
        else:
            fulfilment.fail_order(order.pk, _("Declined in the development provider."))
            messages.error(request, _("The payment was declined."))
        return redirect(order.get_absolute_url())
    return render(request, "commerce/dev_pay.html", {"order": order})


@private_response
@login_required
def stripe_return(request, order_id):
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    if order.status == Order.Status.PENDING and stripe.is_configured():
        stripe.confirm_return(order, request.GET.get("session_id", "")[:255])
    processing = _("Your payment is being processed; this page will show it once Stripe confirms it.")
    _tell_outcome(request, order, processing)
    return redirect(order.get_absolute_url())


@private_response
@login_required
def paypal_return(request, order_id):
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    if order.status == Order.Status.PENDING and paypal.is_configured():
        try:
            paypal.capture(order, request.GET.get("token", "")[:64])
        except CommerceError as error:
            messages.error(request, error.message)
            return redirect("commerce:pay", order.pk)
    processing = _("Your payment is being processed; this page will show it once PayPal confirms it.")
    _tell_outcome(request, order, processing)
    return redirect(order.get_absolute_url())


@private_response
@login_required
def order_page(request, order_id):
    order = get_object_or_404(Order.objects.select_related("user"), pk=order_id)
    if not receipts.can_see(request.user, order):
        raise Http404("not yours")
    context = {"order": order, "lines": order.lines.all(), "refund_notices": refunds.buyer_notices(order)}
    return render(request, "commerce/order.html", context)


def _webhook_not_found(request, why):
    """A plain 404 for a provider that is not switched on. Django's LocaleMiddleware turns a
    404 on a path without a language prefix into a redirect to ``/<lang>/...`` (where the
    page tree answers); the webhooks live outside i18n_patterns, so the response is judged
    against their own URLconf, which has no language prefix."""
    request.urlconf = "commerce.webhook_urls"
    return HttpResponseNotFound(why, content_type="text/plain")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not stripe.is_configured():
        return _webhook_not_found(request, "Stripe is not configured")
    try:
        stripe.handle_webhook(request.body, request.headers.get("Stripe-Signature"))
    except stripe.BadWebhook:
        return HttpResponse("bad signature", status=400, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def paypal_webhook(request):
    if not paypal.is_configured():
        return _webhook_not_found(request, "PayPal is not configured")
    try:
        paypal.handle_webhook(request.body, request.headers)
    except paypal.BadWebhook:
        return HttpResponse("not verified", status=400, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
