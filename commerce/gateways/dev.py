"""The development provider: "pay" without keys and without money, so ``make demo`` can buy
a course. Present only with ``AULA_DEV_PAYMENTS`` (the dev settings); every page it shows
says it is not a real payment."""

from django.conf import settings
from django.urls import reverse

from ..exceptions import PaymentError
from ..models import Order


def is_configured():
    return bool(getattr(settings, "AULA_DEV_PAYMENTS", False))


def start(order, request):
    Order.objects.filter(pk=order.pk).update(provider=Order.Provider.DEV)
    return reverse("commerce:dev_pay", args=[order.pk])


def refund(order, reference=None, amount=None, part=0):
    if not is_configured():
        raise PaymentError("The development provider is off.")
