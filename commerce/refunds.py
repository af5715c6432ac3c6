"""Refunds: money given back through the provider, one ``Refund`` row per payment.

- Staff refund a paid order (``refund_order``): through the provider first, then the order
  is marked refunded and the enrollments it gave are ended with ``end_enrollment``
  (reason: refund). Progress is kept should the student buy again.
- Aula gives back by itself a payment that bought nothing, or nothing new
  (``refund_later``, called by ``fulfilment.confirm_payment`` in its transaction): a second
  payment for an order already paid, a payment for an order no longer open (replaced by a
  newer checkout, canceled, failed), a payment that could not be fulfilled (wrong amount,
  coupon used up), and the payment of an order whose buyer already had everything in it.
  The row is written with the payment; the provider is asked once that transaction commits
  (``send_refund``); a refusal is kept on the row (status: failed) for staff, and logged.
- A refund or a dispute started at the provider (its dashboard, the buyer's bank) arrives
  as a webhook (``settle_at_provider``): the order is marked refunded (disputed) and the
  enrollments it gave end, as a staff refund would. Idempotent: an order no longer paid,
  or a payment that is not an order's own (a second one Aula refunded itself), changes
  nothing; a partial refund changes nothing either (staff decide).
- The buyer reads what happened on the order page and the receipt (``buyer_notices``);
  staff in the admin (Commerce → Refunds, and the order's page).

Each ended enrollment sends ``courses.signals.enrollment_ended`` (reason ``refund`` or
``dispute``): the certificates app revokes the course's certificate with that reason, and
commerce the program certificates that rested on it (``receivers.py``)."""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.learning.enrollment import EndReason

from . import gateways
from .exceptions import PaymentError
from .fulfilment import end_order_enrollments
from .models import MONEY, Order, OrderLine, Refund
from .signals import order_refunded
from .tax import added_part

logger = logging.getLogger(__name__)

Reason = Refund.Reason
LARGEST_AMOUNT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"])


def refund_order(order):
    """Refund a paid order in full (what is left of it after partial refunds), with a credit
    note e-mailed to the buyer. Raises PaymentError (nothing changed) when it is not paid or
    the provider refuses. Returns the number of enrollments ended."""
    if order.status != Order.Status.PAID:
        raise PaymentError(_("Only a paid order can be refunded."))
    gateways.refund(order)  # idempotent at the provider (a key per payment)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != Order.Status.PAID:
            return 0
        locked.status, locked.refunded_at = Order.Status.REFUNDED, timezone.now()
        locked.save(update_fields=["status", "refunded_at"])
        remaining = left_to_refund(locked)
        refund = None
        if locked.payment_reference and locked.total and locked.provider != Order.Provider.FREE:
            refund, _created = Refund.objects.update_or_create(
                provider=locked.provider, payment_reference=locked.payment_reference, part=0,
                defaults={"status": Refund.Status.DONE, "completed_at": locked.refunded_at, "error": ""},
                create_defaults={
                    "order": locked, "amount": remaining, "currency": locked.currency, "reason": Reason.STAFF,
                    "status": Refund.Status.DONE, "completed_at": locked.refunded_at,
                },
            )  # fmt: skip
        ended = end_order_enrollments(locked, lines=_still_giving(locked, locked.refunded_at))
        _credit(locked, remaining, refund, _("Refund of order %(number)s") % {"number": locked.number})
        _announce(locked, refund, remaining, partial=False)
    order.refresh_from_db()
    return ended


def _announce(order, refund, amount, *, partial):
    """Tell other apps money of ``order`` went back (``signals.order_refunded``)."""
    currency = refund.currency if refund is not None else order.currency
    order_refunded.send(sender=Order, order=order, refund=refund, amount=amount, currency=currency, partial=partial)


def _still_giving(order, refunded_at=None):
    """The lines of ``order`` not refunded yet (what it still gives); marked refunded at
    ``refunded_at`` when given."""
    lines = list(order.lines.select_related("program").filter(refunded_at=None))
    if refunded_at is not None:
        OrderLine.objects.filter(pk__in=[line.pk for line in lines]).update(refunded_at=refunded_at)
    return lines


def left_to_refund(order):
    """What of ``order``'s payment has not gone back yet (partial refunds asked or done)."""
    taken = order.refunds.filter(part__gt=0).exclude(status=Refund.Status.FAILED).aggregate(sum=Sum("amount"))["sum"]
    return max(order.total - (taken or Decimal(0)), Decimal(0))


def line_value(order, line):
    """What the buyer paid for ``line``: its amount, with the tax added when prices exclude it."""
    if order.tax_rate and order.total != order.subtotal - order.discount:
        return line.amount + added_part(line.amount, order.tax_rate, order.currency)
    return line.amount


def refund_part(order, *, amount=None, lines=()):
    """Refund part of a paid order: ``amount`` (access is kept), or the chosen ``lines``
    (OrderLines of it: their value goes back and the enrollments each gave end). Through the
    provider, with a credit note e-mailed to the buyer. Raises PaymentError with a clear
    message, changing nothing, for an amount of zero, below zero or above what is left, a
    line already refunded or not of this order. Returns the Refund (or None for an order
    paid nothing) and the enrollments ended."""
    line_ids = [line.pk for line in lines]
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        chosen, amount = _check_part(locked, amount, line_ids)
        refund = None
        if locked.payment_reference and locked.total and locked.provider != Order.Provider.FREE:
            part = (locked.refunds.aggregate(last=Max("part"))["last"] or 0) + 1
            refund = Refund.objects.create(
                order=locked, provider=locked.provider, payment_reference=locked.payment_reference, part=part,
                amount=amount, currency=locked.currency, reason=Reason.PARTIAL,
            )  # fmt: skip
    if refund is not None:
        try:
            gateways.refund(locked, amount=amount, part=refund.part)
        except PaymentError as error:
            refund.status, refund.error = Refund.Status.FAILED, str(error.message)[:255]
            refund.save(update_fields=["status", "error"])
            raise
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        now = timezone.now()
        if refund is not None:
            refund.status, refund.completed_at = Refund.Status.DONE, now
            refund.save(update_fields=["status", "completed_at"])
        ended = end_order_enrollments(locked, lines=chosen) if chosen else 0
        OrderLine.objects.filter(pk__in=[line.pk for line in chosen]).update(refunded_at=now)
        if not locked.lines.filter(refunded_at=None).exists() or not left_to_refund(locked):
            locked.status, locked.refunded_at = Order.Status.REFUNDED, now  # nothing left: refunded
            locked.save(update_fields=["status", "refunded_at"])
            ended += end_order_enrollments(locked, lines=_still_giving(locked, now))
        title = _("Partial refund of order %(number)s") % {"number": locked.number}
        _credit(locked, amount, refund, title, lines=chosen)
        _announce(locked, refund, amount, partial=locked.status == Order.Status.PAID)
    order.refresh_from_db()
    return refund, ended


def _check_part(order, amount, line_ids):
    """The lines chosen and the amount that goes back, or PaymentError saying why not."""
    if order.status != Order.Status.PAID:
        raise PaymentError(_("Only a paid order can be refunded."))
    chosen = list(order.lines.filter(pk__in=line_ids))
    if len(chosen) != len(set(line_ids)):
        raise PaymentError(_("A chosen line is not a line of this order."))
    if any(line.refunded_at for line in chosen):
        raise PaymentError(_("A chosen line was refunded already."))
    if not chosen and amount is None:
        raise PaymentError(_("Choose the lines to refund, or type an amount."))
    if amount is None:
        amount = sum((line_value(order, line) for line in chosen), Decimal(0))
    from courses.templatetags.course_tags import money

    left = left_to_refund(order)
    if amount <= 0 and not (chosen and not order.total):
        raise PaymentError(_("The amount to refund must be more than zero."))
    if amount > left:
        raise PaymentError(_("Only %(left)s of this order is left to refund.") % {"left": money(left, order.currency)})
    return chosen, amount


def _credit(order, amount, refund, title, lines=()):
    """The credit note of money given back, e-mailed to the buyer once it is written."""
    from .invoicing import issue_credit_note

    note = issue_credit_note(order, amount, lines=lines, refund=refund, title=title)
    transaction.on_commit(lambda: _send_credit_note(note.pk))
    return note


def _send_credit_note(note_id):
    from django_q.tasks import async_task

    async_task("commerce.receipts.send_credit_note", note_id)


def settle_at_provider(provider, payment_reference, *, refunded_amount=None, disputed=False):
    """The provider says the payment ``payment_reference`` went back to the buyer: refunded
    (``refunded_amount`` of it; None: all of it) or disputed. The order it paid is marked
    refunded or disputed and what it gave ends. Returns ``(order or None, enrollments ended)``."""
    with transaction.atomic():
        order = (
            Order.objects.select_for_update().filter(provider=provider, payment_reference=payment_reference).first()
            if payment_reference
            else None
        )
        if order is None or order.status != Order.Status.PAID:
            return order, 0  # not an order's payment, or refunded (disputed) already
        if refunded_amount is not None and refunded_amount < order.total:  # partial refunds: staff's, in Aula
            logger.warning("order %s: %s of %s refunded at %s: partly", order, refunded_amount, order.total, provider)
            return order, 0
        now = timezone.now()
        if disputed:
            order.status = Order.Status.DISPUTED
            order.save(update_fields=["status"])
            return order, end_order_enrollments(order, EndReason.DISPUTE, lines=_still_giving(order))
        order.status, order.refunded_at = Order.Status.REFUNDED, now
        order.save(update_fields=["status", "refunded_at"])
        remaining = left_to_refund(order)
        refund, _created = Refund.objects.update_or_create(
            provider=provider, payment_reference=payment_reference, part=0,
            defaults={"status": Refund.Status.DONE, "completed_at": now, "error": ""},
            create_defaults={
                "order": order, "amount": remaining, "currency": order.currency, "reason": Reason.AT_PROVIDER,
                "status": Refund.Status.DONE, "completed_at": now,
            },
        )  # fmt: skip
        ended = end_order_enrollments(order, EndReason.REFUND, lines=_still_giving(order, now))
        _credit(order, remaining, refund, _("Refund of order %(number)s") % {"number": order.number})
        _announce(order, refund, remaining, partial=False)
        return order, ended


def refund_later(order, *, provider, payment_reference, amount, currency, reason):
    """Record that the payment ``payment_reference`` of ``order`` goes back (call it inside
    the transaction that decided so); the provider is asked once it commits. A payment
    recorded already is not asked for twice. Returns the Refund, or None when nothing was
    paid."""
    if not payment_reference or not amount or provider == Order.Provider.FREE:
        return None
    if not abs(amount) < LARGEST_AMOUNT:
        amount = None  # what the provider said does not fit the books: the refund is of the whole payment anyway
    refund, created = Refund.objects.get_or_create(
        provider=provider, payment_reference=payment_reference[:255], part=0,
        defaults={"order": order, "amount": amount, "currency": (currency or order.currency)[:3], "reason": reason},
    )  # fmt: skip
    if created:
        transaction.on_commit(lambda: send_refund(refund.pk))
    return refund


def send_refund(refund_id):
    """Ask the provider to give back the payment of Refund ``refund_id``; mark it done (an
    order that gave nothing new is then refunded, and its buyer e-mailed the receipt saying
    so) or failed (staff refund it at the provider)."""
    refund = Refund.objects.select_related("order").filter(pk=refund_id).first()
    if refund is None or refund.status == Refund.Status.DONE:
        return refund
    try:
        gateways.refund(refund.order, refund.payment_reference, provider=refund.provider)
    except PaymentError as error:
        logger.exception(
            "refund of payment %s (order %s) failed: refund it at %s", refund.payment_reference, refund.order,
            refund.provider,
        )  # fmt: skip
        refund.status, refund.error = Refund.Status.FAILED, str(error.message)[:255]
        refund.save(update_fields=["status", "error"])
        return refund
    with transaction.atomic():
        refund.status, refund.completed_at, refund.error = Refund.Status.DONE, timezone.now(), ""
        refund.save(update_fields=["status", "completed_at", "error"])
        order = Order.objects.select_for_update().get(pk=refund.order_id)
        if refund.reason == Reason.NOTHING_NEW and order.status == Order.Status.PAID:
            order.status, order.refunded_at = Order.Status.REFUNDED, refund.completed_at
            order.save(update_fields=["status", "refunded_at"])
            from .invoicing import issue_credit_note

            issue_credit_note(
                order, order.total, refund=refund, title=_("Refund of order %(number)s") % {"number": order.number}
            )
            transaction.on_commit(lambda: _send_receipt(order.pk))
            _announce(order, refund, order.total if refund.amount is None else refund.amount, partial=False)
    return refund


def _send_receipt(order_id):
    from django_q.tasks import async_task

    async_task("commerce.receipts.send_receipt", order_id)


def buyer_notices(order):
    """What happened to the money of ``order``'s payments, for its buyer: one sentence per
    refund, in the active language."""
    return [buyer_notice(refund) for refund in order.refunds.order_by("created_at")]


def buyer_notice(refund):
    from courses.templatetags.course_tags import money

    done = refund.status == Refund.Status.DONE
    # A provider that did not say how much came back: the order's total is what was paid.
    amount, currency = (
        (refund.amount, refund.currency) if refund.amount is not None else (refund.order.total, refund.order.currency)
    )
    values = {"amount": money(amount, currency)}
    if refund.reason == Reason.NOTHING_NEW:
        text = (
            _("You already had everything in this order, so your payment (%(amount)s) was refunded.")
            if done
            else _("You already had everything in this order, so your payment (%(amount)s) is being refunded.")
        )
    elif refund.reason == Reason.ALREADY_PAID:
        text = (
            _("This order was already paid, so your second payment (%(amount)s) was refunded.")
            if done
            else _("This order was already paid, so your second payment (%(amount)s) is being refunded.")
        )
    elif refund.reason == Reason.NOT_OPEN:
        text = (
            _("Your payment (%(amount)s) arrived after this order was closed, so it was refunded.")
            if done
            else _("Your payment (%(amount)s) arrived after this order was closed, so it is being refunded.")
        )
        why = refund.order.failure_reason  # a sentence of its own ("Replaced by order A-12.")
        return f"{text % values} {why}".strip()
    elif refund.reason == Reason.PARTIAL:
        text = (
            _("%(amount)s of your payment was refunded.")
            if done
            else _("%(amount)s of your payment is being refunded.")
        )
    else:
        text = (
            _("Your payment (%(amount)s) was refunded.") if done else _("Your payment (%(amount)s) is being refunded.")
        )
    return text % values
