"""The site currency and its amounts: Decimal in, Decimal out, rounded to the currency's
minor unit (2 digits for USD/EUR, 0 for JPY — Babel's ISO 4217 data)."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision
from django.conf import settings


def site_currency():
    return settings.AULA_CURRENCY


def precision(currency=None):
    return get_currency_precision(currency or site_currency())


def quantize(amount, currency=None):
    """``amount`` rounded half up to the currency's minor unit."""
    return Decimal(amount).quantize(Decimal(1).scaleb(-precision(currency)), rounding=ROUND_HALF_UP)


def to_minor_units(amount, currency):
    """Decimal("49.00"), "USD" -> 4900 (what Stripe's API takes)."""
    return int(quantize(amount, currency).scaleb(precision(currency)))


def from_minor_units(value, currency):
    """4900, "usd" -> Decimal("49.00")."""
    return quantize(Decimal(int(value)).scaleb(-precision(currency.upper())), currency.upper())


def parse_amount(text, currency):
    """PayPal's "49.00" -> Decimal("49.00"); None when it is not a number."""
    try:
        return quantize(Decimal(str(text)), currency)
    except (ArithmeticError, ValueError, TypeError):
        return None
