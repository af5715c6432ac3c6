"""Payment providers. Each module offers ``is_configured()``, ``start(order, request)``
(returns the URL the buyer goes to, after saving the provider's reference on the order)
and ``refund(order)`` (asks the provider to give the money back; raises PaymentError).

Real providers switch on when their keys are in the environment; the development provider
only with the dev settings (``AULA_DEV_PAYMENTS``)."""

from django.utils.translation import gettext_lazy as _

from ..exceptions import PaymentError
from ..models import Order
from . import dev, paypal, stripe

PROVIDERS = {
    Order.Provider.STRIPE: stripe,
    Order.Provider.PAYPAL: paypal,
    Order.Provider.DEV: dev,
}
LABELS = {
    Order.Provider.STRIPE: _("Pay by card (Stripe)"),
    Order.Provider.PAYPAL: _("Pay with PayPal"),
    Order.Provider.DEV: _("Pay with the development provider (no real money)"),
}


def available():
    """``[(provider, label)]`` of the providers switched on, in the order shown."""
    return [(name, LABELS[name]) for name, module in PROVIDERS.items() if module.is_configured()]


def gateway(provider):
    module = PROVIDERS.get(provider)
    if module is None or not module.is_configured():
        raise PaymentError(_("This payment method is not available."))
    return module


def refund(order, reference=None, provider=None, amount=None, part=0):
    """Give back, through its provider, the money of a paid order (nothing to give back for
    a 100 %-off order), or of its payment ``reference`` made through ``provider`` (a second
    payment, one for an order no longer open); ``amount`` of it for a partial refund
    (``part`` 1, 2…, so that asking again is not a second refund)."""
    provider = provider or order.provider
    if provider == Order.Provider.FREE or (reference is None and not order.total):
        return
    module = PROVIDERS.get(provider)
    if module is None:
        raise PaymentError(_("This order's provider cannot refund it."))
    if amount is None:
        module.refund(order, reference)
    else:
        module.refund(order, reference, amount=amount, part=part)


def abandon(order):
    """Tell the provider of a pending order that it will not be paid (a newer checkout
    replaced it), where the provider can be told: a Stripe Checkout Session is expired, so it
    takes no money. Best effort: a payment that still arrives is refunded (fulfilment)."""
    module = PROVIDERS.get(order.provider)
    if module is not None and module.is_configured() and hasattr(module, "abandon"):
        module.abandon(order)
