"""Reminders a day and an hour before a master class, and what a change of time tells.

``send_due`` runs every minute (a django-q2 schedule, migration 0002). For each registered
person of a class starting within a day (an hour) it **claims** the reminder first — a
conditional update of the registration's ``reminded_*_at`` that only one run can win — and
makes the notification in the same transaction, keyed by registration, start and reminder
(``notify(key=…)``): a second run, a second worker or a worker restarted halfway sends it
once. Only ``registered`` people get one (not those who cancelled or wait), and an e-mail
still queued is dropped if they cancel meanwhile (the kind's ``still_wanted``). Someone who
registers within the last hour gets the hour's reminder only.

A class whose start moved (or that was cancelled) tells everyone registered or waiting
(``announce_change``, called when the page is published with a new start or status); its
reminders start again for the new time. ``send_due`` also refunds paid places of the
waiting list that never got a seat once the class starts, and renews the lists of
upcoming classes as classes start and end (time, not a save, takes them off).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from caching import scopes

from .models import MasterClassPage, Registration
from .notifications import remind, tell_changed
from .renewals import EVENTS, master_class_scope

DAY, HOUR = timedelta(hours=24), timedelta(hours=1)
RECENT = timedelta(minutes=10)  # how long after a start or an end the lists are renewed
Status = Registration.Status


def send_due(now=None):
    """Send the reminders due now; returns how many were sent."""
    now = now or timezone.now()
    sent = _remind(now, now + HOUR, "hour", "reminded_hour_before_at", now)
    sent += _remind(now + HOUR, now + DAY, "day", "reminded_day_before_at", now)
    refund_unseated(now)
    _renew_started_or_ended(now)
    return sent


def _remind(after, until, which, field, now):
    classes = {
        page.translation_key: page
        for page in MasterClassPage.objects.live()
        .filter(start__gt=after, start__lte=until, status=MasterClassPage.Status.SCHEDULED)
        .defer_streamfields()
        .order_by("pk")
    }
    if not classes:
        return 0
    due = Registration.objects.filter(
        master_class_key__in=list(classes), status=Status.REGISTERED, **{f"{field}__isnull": True}
    ).select_related("user")
    sent = 0
    for registration in due:
        claim = {field: now}
        if which == "hour":
            claim["reminded_day_before_at"] = registration.reminded_day_before_at or now  # no day reminder after it
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, status=Status.REGISTERED, **{f"{field}__isnull": True}
            ).update(**claim)
            if not claimed:
                continue  # another run has it, or they cancelled
            page = _in_language(classes[registration.master_class_key], registration.language)
            remind(registration, page, which)
            sent += 1
    return sent


def _in_language(page, language):
    if page.locale.language_code == language:
        return page
    translated = (
        MasterClassPage.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return translated or page


def announce_change(master_class, previous_start):
    """``master_class`` was published with a new start (or status): tell everyone registered
    or waiting, once per language version published (the notification key is the same),
    and start the reminders again for the new time."""
    key = master_class.translation_key

    def tell():
        rows = Registration.objects.filter(master_class_key=key, status__in=[Status.REGISTERED, Status.WAITLISTED])
        rows.update(reminded_day_before_at=None, reminded_hour_before_at=None)
        for registration in rows.select_related("user"):
            tell_changed(registration, _in_language(master_class, registration.language), previous_start)
        scopes.renew(master_class_scope(key), EVENTS)

    transaction.on_commit(tell)


def refund_unseated(now=None):
    """Paid waiting-list places of classes that started: cancelled and refunded."""
    from caching.registry import renew_rows

    from .registration import refund_seat

    now = now or timezone.now()
    started = MasterClassPage.objects.filter(start__lte=now).values_list("translation_key", flat=True)
    waiting = Registration.objects.filter(
        status=Status.WAITLISTED, order__isnull=False, master_class_key__in=started
    ).select_related("order")
    for registration in waiting:
        claimed = Registration.objects.filter(pk=registration.pk, status=Status.WAITLISTED).update(
            status=Status.CANCELLED, cancelled_at=now, position=0
        )
        if claimed:
            renew_rows(Registration, [registration])  # a queryset update: no save signal
            refund_seat(registration.order)


def _renew_started_or_ended(now):
    started = Q(start__gt=now - RECENT, start__lte=now)
    ended = Q(end__gt=now - RECENT, end__lte=now)
    recent = MasterClassPage.objects.live().filter(started | ended)
    keys = set(recent.values_list("translation_key", flat=True))
    if keys:
        scopes.renew(EVENTS, *(master_class_scope(key) for key in keys))
