"""Sending e-mails, exactly once each, from django-q2 jobs.

A job may run twice (the ORM broker hands a job out again when its worker died), two jobs
may race, and the mail server may fail. So the job *claims* the deliveries it sends with
``UPDATE … SET status='sent' WHERE status='pending'`` in the transaction that sends them:

* a second run, or a job racing the first, claims nothing (PostgreSQL makes it wait on the
  first's row lock, then finds the rows sent) and sends nothing;
* a run killed or failing before the commit leaves the rows pending: the next run (the
  broker's retry, or ``send_due``, the schedule every minute) sends them.

The one overlap left is a worker killed between the mail server accepting the message and
the commit, a few milliseconds: that e-mail may go twice, never zero times.

**Digests**: a kind declared ``digest=True`` sends at most one e-mail per recipient per
window: the first delivery goes at once; those that arrive while the window is open wait,
and ``send_due`` sends them together when it closes.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import kinds
from .language import written_for
from .links import absolute, site_url
from .models import Delivery
from .preferences import unsubscribe_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # a delivery that failed this often is given up (status failed, logged)


def deliver(delivery_id):
    """The job queued for each new delivery. Returns how many e-mails it sent (0 or 1)."""
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.PENDING:
        return 0
    try:
        kind = kinds.get(delivery.kind)
    except kinds.UnknownKind:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, last_error="unknown kind")
        return 0
    if kind.digest:
        return _send_digest(delivery.address, kind)
    return _send([delivery.pk], kind)


def send_due(now=None):
    """Every delivery still pending: those whose job was lost or failed, and digests whose
    window closed (the django-q2 schedule "Send waiting notifications", every minute).
    One group's failure does not stop the others'. Returns how many e-mails were sent."""
    sent = 0
    waiting = (
        Delivery.objects.filter(status=Delivery.Status.PENDING)
        .order_by("kind", "address")
        .values_list("kind", "address")
        .distinct()
    )
    for kind_name, address in list(waiting):
        try:
            kind = kinds.get(kind_name)
        except kinds.UnknownKind:
            continue
        try:
            if kind.digest:
                sent += _send_digest(address, kind, now)
            else:
                ids = Delivery.objects.filter(status=Delivery.Status.PENDING, kind=kind_name, address=address)
                for delivery_id in ids.values_list("pk", flat=True):
                    sent += _send([delivery_id], kind)
        except Exception:  # logged; the rows stay pending for the next run
            logger.exception("Notifications of kind %s to %s not sent; the next run tries again", kind_name, address)
    return sent


def _send_digest(address, kind, now=None):
    now = now or timezone.now()
    window = timedelta(minutes=kind.window_minutes())
    mine = Delivery.objects.filter(address=address, kind=kind.name)
    if window and mine.filter(status=Delivery.Status.SENT, sent_at__gt=now - window).exists():
        return 0  # told lately: the rest waits for the window to close
    ids = list(mine.filter(status=Delivery.Status.PENDING).values_list("pk", flat=True))
    return _send(ids, kind) if ids else 0


def _send(ids, kind):
    """Claim the pending deliveries among ``ids`` and send them as one e-mail, in one
    transaction. Returns 1 when an e-mail went, 0 when there was nothing (left) to send."""
    batch = uuid.uuid4()
    try:
        with transaction.atomic():
            claimed = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), batch=batch, attempts=F("attempts") + 1
            )
            if not claimed:
                return 0
            rows = list(
                Delivery.objects.filter(batch=batch)
                .select_related("notification__recipient")
                .order_by("notification__created", "pk")
            )
            wanted = [row for row in rows if _still_wanted(kind, row.notification)]
            unwanted = [row.pk for row in rows if row not in wanted]
            if unwanted:
                Delivery.objects.filter(pk__in=unwanted).update(status=Delivery.Status.SKIPPED, batch=None)
            if not wanted:
                return 0
            compose(kind, [row.notification for row in wanted], wanted[0].address).send()
    except Exception as error:
        _record_failure(ids, error)
        raise
    logger.info("Notification e-mail %s (%s, %d) sent", batch, kind.name, len(wanted))
    return 1


def _still_wanted(kind, notification):
    recipient = notification.recipient
    if recipient is not None and not recipient.is_active and not kind.transactional:
        return False
    return kind.still_wanted is None or bool(kind.still_wanted(notification))


def _record_failure(ids, error):
    pending = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING)
    pending.update(attempts=F("attempts") + 1, last_error=repr(error)[:2000])
    given_up = pending.filter(attempts__gte=MAX_ATTEMPTS)
    for delivery in given_up:
        logger.error(
            "Notification e-mail %s to %s given up after %d attempts", delivery.pk, delivery.address, delivery.attempts
        )
    given_up.update(status=Delivery.Status.FAILED)


def compose(kind, notifications, address):
    """The e-mail telling ``notifications`` (one, or a digest's several) to ``address``, in
    the recipient's language, with the preferences link and, unless the kind is
    transactional, the one-click unsubscribe headers (RFC 8058)."""
    first = notifications[0]
    recipient = first.recipient
    headers = {"Auto-Submitted": "auto-generated"}
    with written_for(recipient, first.language):
        if len(notifications) == 1:
            subject, body = first.subject, first.body
        else:
            values = {
                "notifications": notifications,
                "count": len(notifications),
                "recipient": recipient,
                "minutes": kind.window_minutes(),
                "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Aula"),
                "site_url": site_url(),
            }
            subject = " ".join(render_to_string(kind.template("digest_subject"), values).split())
            body = render_to_string(kind.template("digest_body"), values).strip()
        footer_values = {"kind": kind, "recipient": recipient, "minutes": kind.window_minutes() if kind.digest else 0}
        if recipient is not None:
            footer_values["preferences_url"] = absolute(reverse("notifications:preferences"))
            if not kind.transactional:
                token = unsubscribe_token(recipient, kind.name)
                unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[token]))
                footer_values["unsubscribe_url"] = unsubscribe_url
                headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
                headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        footer = render_to_string("notifications/email/footer.txt", footer_values).strip()
    message = EmailMultiAlternatives(subject, f"{body}\n\n-- \n{footer}\n", None, [address], headers=headers)
    if len(notifications) == 1 and first.html:
        message.attach_alternative(first.html, "text/html")
    if kind.attachments is not None:
        for notification in notifications:
            for filename, content, mimetype in kind.attachments(notification):
                message.attach(filename, content, mimetype)
    return message
