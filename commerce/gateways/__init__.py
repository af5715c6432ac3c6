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


def refund(order):
    """Give the money of a paid order back through its provider (nothing to give back for
    a 100 %-off order)."""
    if order.provider == Order.Provider.FREE or not order.total:
        return
    module = PROVIDERS.get(order.provider)
    if module is None:
        raise PaymentError(_("This order's provider cannot refund it."))
    module.refund(order)
