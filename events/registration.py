"""Registering for a master class, the waiting list and cancelling.

- One registration per person and class (every language of it). Registering again is
  refused while one holds a seat or a place in the queue; after cancelling it is allowed.
- Seats are counted under a lock on the class's rows (``select_for_update`` on every
  language version of the page, in one order), so simultaneous registrations never take
  more seats than ``capacity``: those beyond it join the waiting list, in order.
- Cancelling is one's own: it frees the seat, and the first on the waiting list takes it
  at once and is told (``events.promoted``). A paid class's waiting list is of buyers who
  paid already (the cart sells a full class with a note: a seat that never frees is
  refunded when the class starts, ``reminders.refund_unseated``).
- A paid seat cancelled more than ``AULA_MASTER_CLASS_REFUND_HOURS`` hours before the
  start is refunded through commerce (``commerce.refunds.refund_order``); a waiting-list
  place always is.
- Nobody registers after the start, for a cancelled class, or for an unpublished one.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .exceptions import RegistrationError
from .models import MasterClassPage, Registration

logger = logging.getLogger(__name__)
Status = Registration.Status


def registration_of(user, master_class):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, master_class_key=master_class.translation_key).first()


def holds_seat(user, master_class):
    registration = registration_of(user, master_class)
    return registration is not None and registration.holds_seat


def seats_left(master_class):
    return max(0, master_class.capacity - Registration.objects.seats_taken(master_class.translation_key))


def refusal(user, master_class, now=None):
    """Why ``user`` cannot register for (or buy) ``master_class`` now, or None."""
    if not master_class.live:
        return _("This master class is not published.")
    if master_class.is_cancelled:
        return _("This master class was cancelled.")
    if master_class.has_started(now):
        return _("This master class has started: registration is closed.")
    registration = registration_of(user, master_class)
    if registration is not None and registration.status == Status.WAITLISTED:
        return _("You are on the waiting list of this master class already.")
    if registration is not None and registration.status != Status.CANCELLED:
        return _("You are registered for this master class already.")
    return None


def _lock(master_class):
    """Lock every language version of the class, always in the same order."""
    return list(
        MasterClassPage.objects.select_for_update().filter(translation_key=master_class.translation_key).order_by("pk")
    )


def register(user, master_class, *, order=None, now=None):
    """Register ``user`` (the signed-in user: never anyone a form names) for ``master_class``.
    A free class only, unless ``order`` (the paid order, from commerce's fulfilment) is
    given. Returns the Registration: ``registered``, or ``waitlisted`` when the class is full.
    Raises RegistrationError (nothing changed) when it cannot be done."""
    if not master_class.is_free and order is None:
        raise RegistrationError(_("This master class is paid: buy a seat through the cart."))
    with transaction.atomic():
        _lock(master_class)
        reason = refusal(user, master_class, now)
        if reason:
            raise RegistrationError(reason)
        key = master_class.translation_key
        full = Registration.objects.seats_taken(key) >= master_class.capacity
        registration = Registration.objects.select_for_update().filter(user=user, master_class_key=key).first()
        registration = registration or Registration(user=user, master_class_key=key)
        registration.master_class = master_class
        registration.status = Status.WAITLISTED if full else Status.REGISTERED
        registration.position = _next_position(key) if full else 0
        registration.order = order
        registration.language = translation.get_language() or settings.LANGUAGE_CODE
        registration.created_at, registration.cancelled_at = now or timezone.now(), None
        registration.reminded_day_before_at = registration.reminded_hour_before_at = None
        registration.save()
    return registration


def _next_position(key):
    last = Registration.objects.filter(master_class_key=key, status=Status.WAITLISTED).aggregate(Max("position"))
    return (last["position__max"] or 0) + 1


@dataclass
class Cancelled:
    registration: Registration
    promoted: Registration = None
    refunded: bool = False
    refund_failed: bool = False


def refund_deadline(master_class):
    return master_class.start - timedelta(hours=settings.AULA_MASTER_CLASS_REFUND_HOURS)


def cancel(user, registration_key, now=None):
    """Cancel the registration ``registration_key`` of ``user`` (another's is not found:
    Registration.DoesNotExist, a 404 for the view). Frees the seat for the waiting list;
    refunds a paid seat before the deadline. Returns ``Cancelled``."""
    now = now or timezone.now()
    registration = Registration.objects.select_related("master_class", "order").get(key=registration_key, user=user)
    master_class = registration.master_class
    if registration.status == Status.CANCELLED:
        raise RegistrationError(_("This registration is cancelled already."))
    if registration.status == Status.ATTENDED or (master_class is not None and master_class.has_started(now)):
        raise RegistrationError(_("This master class has started: it can no longer be cancelled."))
    refund_due = registration.order_id is not None and (
        registration.status == Status.WAITLISTED or (master_class is not None and now <= refund_deadline(master_class))
    )
    with transaction.atomic():
        if master_class is not None:
            _lock(master_class)
        promoted = _cancel_locked(registration, now)
    result = Cancelled(registration, promoted)
    if refund_due:
        result.refunded, result.refund_failed = refund_seat(registration.order)
    return result


def _cancel_locked(registration, now):
    """Cancel ``registration`` (its class locked by the caller) and fill the seat it held."""
    registration.refresh_from_db()
    if registration.status == Status.CANCELLED:
        return None
    held = registration.holds_seat
    registration.status, registration.cancelled_at, registration.position = Status.CANCELLED, now, 0
    registration.save(update_fields=["status", "cancelled_at", "position", "updated_at"])
    return promote_next(registration.master_class_key, registration.master_class) if held else None


def promote_next(key, master_class):
    """Give the free seat of class ``key`` to the first on its waiting list and tell them
    (after the commit). Call it with the class locked. Returns the promoted registration."""
    if master_class is None or master_class.has_started():
        return None
    if Registration.objects.seats_taken(key) >= master_class.capacity:
        return None
    first = Registration.objects.filter(master_class_key=key, status=Status.WAITLISTED).order_by("position").first()
    if first is None:
        return None
    first.status, first.position = Status.REGISTERED, 0
    first.save(update_fields=["status", "position", "updated_at"])
    from .notifications import tell_promoted

    transaction.on_commit(lambda: tell_promoted(first.pk))
    return first


def refund_seat(order):
    """Refund the order that paid a seat: ``(refunded, failed)``. An order that bought more
    than this seat (a cart merged at login) is left to staff."""
    from commerce.exceptions import PaymentError
    from commerce.models import Order
    from commerce.refunds import refund_order

    if order is None or order.status != Order.Status.PAID:
        return False, False
    if order.lines.count() != 1:
        logger.warning("order %s bought more than one seat: refund it by hand", order)
        return False, True
    try:
        refund_order(order)
    except PaymentError:
        logger.exception("refund of order %s failed", order)
        return False, True
    return True, False


def cancel_for_order(order_id, key):
    """Commerce revoked what order ``order_id`` gave (a refund, a dispute): the seat it
    paid for in class ``key`` is cancelled, and the next on the waiting list takes it."""
    registration = Registration.objects.filter(order_id=order_id, master_class_key=key).first()
    if registration is None or registration.status == Status.CANCELLED:
        return
    with transaction.atomic():
        pages = list(MasterClassPage.objects.select_for_update().filter(translation_key=key).order_by("pk"))
        registration.master_class = registration.master_class or (pages[0] if pages else None)
        _cancel_locked(registration, timezone.now())
