"""Tax on orders and invoices. A site's *Invoicing* settings give a rate (per buyer's
country, else the site's) and say whether prices are entered with the tax included:

- included (the default): what the buyer pays does not change; the invoice shows the part
  of it that is tax (``total × rate ÷ (100 + rate)``);
- excluded: the tax is added to the order's total at checkout (``apply_tax``).

The order keeps the rate and the amount it was charged with (``Order.tax_rate``,
``Order.tax``); its invoice copies them."""

from decimal import Decimal

from wagtail.models import Site

from .models import InvoicingSettings
from .money import quantize

HUNDRED = Decimal(100)


def invoicing_settings():
    """The default site's invoicing settings (orders are not tied to a site)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return InvoicingSettings.for_site(site) if site else InvoicingSettings()


def included_part(gross, rate, currency):
    """The tax inside ``gross`` at ``rate`` percent."""
    if not rate:
        return Decimal(0)
    return quantize(gross * rate / (HUNDRED + rate), currency)


def added_part(net, rate, currency):
    """The tax on top of ``net`` at ``rate`` percent."""
    return quantize(net * rate / HUNDRED, currency) if rate else Decimal(0)


def apply_tax(order, settings=None, save=True):
    """Set ``order``'s tax from the settings and its billing country; with prices that
    exclude tax, its total becomes (subtotal − discount) + tax. Call it when the order is
    made and when the buyer changes their country on an order not yet sent to a provider."""
    settings = settings or invoicing_settings()
    rate = settings.rate_for(order.billing_country)
    if settings.prices_include_tax:
        order.tax = included_part(order.total, rate, order.currency)
    else:
        net_of_coupon = order.subtotal - order.discount
        order.tax = added_part(net_of_coupon, rate, order.currency)
        order.total = net_of_coupon + order.tax
    order.tax_rate = rate
    if save and order.pk:
        order.save(update_fields=["tax", "tax_rate", "total"])
    return order
