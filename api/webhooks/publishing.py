"""An event becomes one delivery per active endpoint subscribed to it, once the
transaction that caused it commits: a rolled-back enrollment, payment or refund sends
nothing. The payload is built when the event happens (what was true then), the deliveries
are written and queued after the commit; a fault here is logged and never breaks the
enrollment, payment or refund that caused it."""

import logging

from django.db import transaction
from django.utils import timezone

from . import events
from .models import Delivery, Endpoint

logger = logging.getLogger(__name__)


def publish(event_type, build):
    """Send ``event_type`` to its subscribers; ``build()`` returns the event's data (called
    only when someone subscribes)."""
    try:
        endpoint_ids = [e.pk for e in Endpoint.objects.filter(active=True) if e.subscribes_to(event_type)]
        if not endpoint_ids:
            return None
        event = events.envelope(event_type, build())
    except Exception:
        logger.exception("webhook event %s not published", event_type)
        return None
    transaction.on_commit(lambda: deliver_event(endpoint_ids, event), robust=True)
    return event


def deliver_event(endpoint_ids, event):
    """Write a delivery of ``event`` for each of ``endpoint_ids`` still active, and queue it."""
    created = []
    with transaction.atomic():
        for endpoint in Endpoint.objects.filter(pk__in=endpoint_ids, active=True):
            created.append(_delivery(endpoint, event))
    for delivery in created:
        transaction.on_commit(lambda pk=delivery.pk: queue(pk))
    return created


def send_test_event(endpoint):
    """A ``ping`` event for ``endpoint`` alone (the admin's "Send test event")."""
    with transaction.atomic():
        delivery = _delivery(endpoint, events.envelope(events.PING, events.ping(endpoint)))
        transaction.on_commit(lambda: queue(delivery.pk))
    return delivery


def _delivery(endpoint, event):
    return Delivery.objects.create(
        endpoint=endpoint,
        event_id=event["id"],
        event_type=event["type"],
        payload=event,
        next_attempt_at=timezone.now(),
    )


def queue(delivery_id, replay=False):
    """Hand the delivery's next attempt to the background workers (django-q2)."""
    from django_q.tasks import async_task

    async_task("api.webhooks.sending.attempt_delivery", delivery_id, replay=replay, group="webhooks")
