"""Master-class seats join commerce's registry of what can be bought (commerce never
imports events).

A full class is still sold: the buyer pays and joins the waiting list (the cart says so);
the seat that frees up first is theirs, and a payment whose buyer never got a seat is
refunded when the class starts (``reminders.refund_unseated``). A class that started, was
cancelled or unpublished between checkout and payment is not given: the order fails and its
payment is refunded (commerce's NOT_FULFILLED path)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commerce.purchasables import Purchasable, register

from . import registration as registrations
from .exceptions import RegistrationError
from .models import MasterClassPage, Registration


def _refusal(user, page):
    return registrations.refusal(user, page)


def _note(user, page):
    if registrations.seats_left(page) <= 0:
        return _(
            "This master class is full: paying puts you on its waiting list. If no seat frees up "
            "before it starts, your payment is refunded."
        )
    return None


def _owned(user, key):
    return (
        Registration.objects.filter(user=user, master_class_key=key)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    )


def _fulfil(order, line):
    page = MasterClassPage.objects.live().filter(translation_key=line.item_key).order_by("pk").first()
    if page is None:
        return _("“%(title)s” is no longer offered.") % {"title": line.title}
    try:
        registrations.register(order.user, page, order=order)
    except RegistrationError as error:
        return error.message
    return None


def _revoke(order, line):
    registrations.cancel_for_order(order.pk, line.item_key)


MASTER_CLASS = register(
    Purchasable(
        kind="master_class",
        label=gettext_lazy("Master class"),
        model="events.MasterClassPage",
        price=lambda page: page.price,
        refusal=_refusal,
        note=_note,
        owned=_owned,
        fulfil=_fulfil,
        revoke=_revoke,
        sold_alone=True,
    )
)
