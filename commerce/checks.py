from babel.numbers import is_currency
from django.conf import settings
from django.core.checks import Error, register


@register()
def site_currency_is_iso_4217(app_configs, **kwargs):
    if is_currency(settings.AULA_CURRENCY):
        return []
    return [
        Error(
            f"AULA_CURRENCY={settings.AULA_CURRENCY!r} is not an ISO 4217 currency code.",
            hint="Use e.g. USD, EUR, GBP, BRL.",
            id="commerce.E001",
        )
    ]
