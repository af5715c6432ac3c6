"""Refunds: through the provider first, then the order is marked refunded and the
enrollments it gave are ended with ``end_enrollment`` (reason: refund). Progress is kept
should the student buy again. Certificates already issued are not touched here: the
certificates app decides (it hears ``courses.signals.enrollment_ended`` with
``reason="refund"``); until it does, an issued certificate stays valid and staff revoke it
by hand if they must."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import gateways
from .exceptions import PaymentError
from .fulfilment import end_order_enrollments
from .models import Order


def refund_order(order):
    """Refund a paid order in full. Raises PaymentError (nothing changed) when it is not
    paid or the provider refuses. Returns the number of enrollments ended."""
    if order.status != Order.Status.PAID:
        raise PaymentError(_("Only a paid order can be refunded."))
    gateways.refund(order)  # idempotent at the provider (a key per order)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != Order.Status.PAID:
            return 0
        locked.status, locked.refunded_at = Order.Status.REFUNDED, timezone.now()
        locked.save(update_fields=["status", "refunded_at"])
        ended = end_order_enrollments(locked)
    order.refresh_from_db()
    return ended
