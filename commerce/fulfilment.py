"""Settling an order: the one idempotent function every provider's confirmation calls
(webhooks, return pages, the development provider, 100 %-off orders).

``confirm_payment`` locks the order row; a second call for a paid order changes nothing.
The amount and currency are checked against the order; the coupon redemption is counted
under a lock on the coupon row, so redemptions never exceed its maximum; enrollments are
made only through ``courses.learning.enrollment.enroll``. A payment that buys nothing (a
second one, one for an order no longer open, one that does not match) or nothing new (the
buyer already has every course of the order) goes back automatically (``refunds.py``).
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.learning.enrollment import EndReason, Source, can_be_audited, end_enrollment, enroll
from courses.models import Enrollment

from .models import Coupon, CouponRedemption, Order, OrderEnrollment, OrderLine, Refund
from .signals import order_paid

logger = logging.getLogger(__name__)
NOT_FULFILLED = Refund.Reason.NOT_FULFILLED

# Why an order fails at payment; what became of the money is said beside it (a refund's
# notice, ``refunds.buyer_notice``), or NOTHING_CHARGED when nothing was taken.
COUPON_USED_UP = _("The coupon was used up by other buyers before your payment went through.")
COUPON_USED_BY_YOU = _("You have already used this coupon on another order.")
NOTHING_CHARGED = _("Nothing was charged.")


@dataclass
class Outcome:
    order: Order
    changed: bool  # this call paid (or failed) the order
    # A payment taken that goes back (the order could not be fulfilled, was no longer open,
    # or gave nothing new): its Refund row (``refunds.py``), asked of the provider on commit.
    refund: Refund = None


def confirm_payment(order_id, *, provider, amount, currency, payment_reference=""):
    """The provider says ``amount`` ``currency`` was paid for order ``order_id``."""
    from .refunds import refund_later

    payment = {"provider": provider, "payment_reference": payment_reference, "amount": amount, "currency": currency}
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None:
            logger.warning("payment for unknown order %s (%s)", order_id, provider)
            return None
        if order.status != Order.Status.PENDING:
            # Settled already (a replay, the return page after the webhook): nothing to do,
            # unless this is another payment for it (another provider, another tab, an order
            # replaced by a newer checkout or canceled meanwhile): that one goes back.
            if not payment_reference or payment_reference == order.payment_reference:
                return Outcome(order, changed=False)
            reason = Refund.Reason.ALREADY_PAID if order.paid_at else Refund.Reason.NOT_OPEN
            logger.warning("order %s (%s): payment %s is refunded", order.pk, order.status, payment_reference)
            return Outcome(order, changed=False, refund=refund_later(order, reason=reason, **payment))
        if amount != order.total or (currency or "").upper() != order.currency:
            logger.warning(
                "order %s: paid %s %s, expected %s %s", order.pk, amount, currency, order.total, order.currency
            )
            _fail(order, _("The payment did not match the order's amount."), provider, payment_reference)
            return Outcome(order, changed=True, refund=refund_later(order, reason=NOT_FULFILLED, **payment))
        gives = _courses_to_give(order)
        others = _other_items_to_give(order)
        if not gives and not others and order.total:
            # The buyer has everything in it already (bought through another order, or
            # enrolled by staff, since checking out): paid, and the money goes back.
            logger.warning("order %s gives nothing new: payment %s is refunded", order.pk, payment_reference)
            _mark_paid(order, provider, payment_reference)
            return Outcome(order, changed=True, refund=refund_later(order, reason=Refund.Reason.NOTHING_NEW, **payment))
        refused = _redeem(order) if order.coupon_id else None
        refused = refused or _give_others(order, others)
        if refused:
            refund = refund_later(order, reason=NOT_FULFILLED, **payment)
            _fail(order, refused if refund else f"{refused} {NOTHING_CHARGED}", provider, payment_reference)
            return Outcome(order, changed=True, refund=refund)
        _enroll(order, gives)
        _mark_paid(order, provider, payment_reference)
        transaction.on_commit(lambda: _after_payment(order.pk))
    return Outcome(order, changed=True)


def _mark_paid(order, provider, payment_reference):
    order.status, order.paid_at, order.provider = Order.Status.PAID, timezone.now(), provider
    order.payment_reference = payment_reference or order.payment_reference
    order.save(update_fields=["status", "paid_at", "provider", "payment_reference"])
    order_paid.send(sender=Order, order=order)


def complete_free_order(order):
    """A 100 %-off order completes without a payment provider."""
    if order.total:
        raise ValueError("only a free order completes without payment")
    return confirm_payment(order.pk, provider=Order.Provider.FREE, amount=order.total, currency=order.currency)


def fail_order(order_id, reason, status=Order.Status.FAILED):
    """A pending order that will not be paid (declined, canceled, expired)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id, status=Order.Status.PENDING).first()
        if order is not None:
            order.status, order.failure_reason = status, str(reason)[:255]
            order.save(update_fields=["status", "failure_reason"])
        return order


def _fail(order, reason, provider, payment_reference):
    order.status, order.failure_reason, order.provider = Order.Status.FAILED, str(reason)[:255], provider
    order.payment_reference = payment_reference or order.payment_reference
    order.save(update_fields=["status", "failure_reason", "provider", "payment_reference"])


def _redeem(order):
    """Count the order's coupon use, under a lock on the coupon (max total, max per buyer):
    None, or why it cannot be used."""
    coupon = Coupon.objects.select_for_update().filter(pk=order.coupon_id).first()
    if coupon is None:
        return COUPON_USED_UP
    if coupon.max_redemptions is not None and coupon.redemptions.count() >= coupon.max_redemptions:
        return COUPON_USED_UP
    if coupon.max_per_user is not None and coupon.redemptions.filter(user=order.user).count() >= coupon.max_per_user:
        return COUPON_USED_BY_YOU
    CouponRedemption.objects.create(coupon=coupon, order=order, user=order.user)
    return None


def _courses_to_give(order):
    """What paying ``order`` gives: ``[(course, source, created)]`` for each course of its
    lines (a program: each of its courses) the buyer does not own yet; ``created`` is False
    for an audit enrollment the purchase upgrades in place."""
    gives, seen = [], set()
    for line in order.lines.select_related("course", "program"):
        if line.kind == OrderLine.Kind.COURSE and line.course is not None:
            courses, source = [line.course], Source.PURCHASE
        elif line.kind == OrderLine.Kind.PROGRAM and line.program is not None:
            courses, source = line.program.course_pages(), Source.PROGRAM
        else:
            continue
        for course in courses:
            if course.translation_key in seen:
                continue
            before = Enrollment.objects.filter(user=order.user, course_key=course.translation_key).first()
            if before is not None and not before.is_audit:
                continue  # owned already: this order neither gives nor will take it away
            seen.add(course.translation_key)
            gives.append((course, source, before is None))
    return gives


def _other_items_to_give(order):
    """The order's lines of kinds other apps registered (``purchasables.py``) that the
    buyer does not have yet: ``[(line, purchasable)]``."""
    from . import purchasables

    others = []
    for line in order.lines.all():
        registered = purchasables.get(line.kind)
        if registered is not None and not registered.owned(order.user, line.item_key):
            others.append((line, registered))
    return others


def _give_others(order, others):
    """Give each registered-kind item, all or nothing: None, or why one could not be given
    (then nothing is given, the coupon use is taken back, and the order fails)."""
    try:
        with transaction.atomic():
            for line, registered in others:
                refused = registered.fulfil(order, line)
                if refused:
                    raise _NotGiven(refused)
    except _NotGiven as not_given:
        CouponRedemption.objects.filter(order=order).delete()
        return not_given.reason
    return None


class _NotGiven(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _enroll(order, gives):
    """Enroll the buyer in each course the order gives (an audit enrollment is upgraded in
    place and keeps its progress), and record what it gave, so a refund ends exactly that."""
    for course, source, _created in gives:
        enroll(order.user, course, source)
    OrderEnrollment.objects.bulk_create(
        OrderEnrollment(order=order, course_key=course.translation_key, course=course, created=created)
        for course, _source, created in gives
    )


def _after_payment(order_id):
    from django_q.tasks import async_task

    async_task("commerce.receipts.send_receipt", order_id)


def end_order_enrollments(order, reason=EndReason.REFUND, lines=None):
    """End the enrollments ``order`` gave (a refund, a disputed payment), and take back what
    it gave of the kinds other apps registered. Progress is kept by ``end_enrollment``. An
    audit the order upgraded goes back to being an audit (the buyer had it before).
    ``lines``: only what those lines gave (a partial refund of chosen lines), not a course
    that another line of the order, not refunded, still gives."""
    from . import purchasables

    chosen = list(order.lines.all()) if lines is None else list(lines)
    for line in chosen:
        registered = purchasables.get(line.kind)
        if registered is not None:
            registered.revoke(order, line)
    gifts = order.enrollments_given.select_related("course")
    if lines is not None:
        kept = [line for line in order.lines.select_related("program") if line.pk not in {c.pk for c in chosen}]
        kept = [line for line in kept if line.refunded_at is None]
        gifts = gifts.filter(course_key__in=_course_keys(chosen)).exclude(course_key__in=_course_keys(kept))
    ended = 0
    for given in gifts:
        enrollment = (
            Enrollment.objects.select_related("course").filter(user=order.user, course_key=given.course_key).first()
        )
        if enrollment is None or enrollment.source not in (Source.PURCHASE, Source.PROGRAM):
            continue
        course = enrollment.course or given.course
        ended += end_enrollment(enrollment, reason)
        if not given.created and course is not None and can_be_audited(course):
            enroll(order.user, course, Source.AUDIT)
    return ended


def _course_keys(lines):
    """The translation keys of the courses ``lines`` are for (a program's: its courses)."""
    keys = set()
    for line in lines:
        if line.kind == OrderLine.Kind.COURSE:
            keys.add(line.item_key)
        elif line.kind == OrderLine.Kind.PROGRAM and line.program is not None:
            keys |= set(line.program.course_keys())
    return keys
