"""Sending a delivery: one attempt at a time, in the background workers (django-q2).

An attempt signs the payload with a fresh timestamp, POSTs it with short timeouts, follows
no redirect, keeps the first ``EXCERPT_CHARS`` characters of the answer, and records the
time, HTTP status and duration. A 2xx answer is success. Otherwise the next attempt is
scheduled with django-q2 (a one-off ``Schedule``) after an exponential backoff —
``AULA_WEBHOOKS_RETRY_SECONDS`` × 4ⁿ⁻¹, at most a day — until ``AULA_WEBHOOKS_MAX_ATTEMPTS``
attempts have failed: then the delivery is "failed". A replay (the admin's button) is one
more attempt, now, whatever the state: success marks the delivery succeeded, failure
failed (no automatic retry after it).

A job may run twice (the ORM broker hands out again a job whose worker died): the attempt
claims its delivery under a row lock and pushes ``next_attempt_at`` past the time an
attempt can take, so a second run finds nothing to do.
"""

import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signing
from .destinations import check_url, guarded_session
from .exceptions import RefusedDestination, WebhookError
from .models import Attempt, Delivery

logger = logging.getLogger(__name__)

EXCERPT_CHARS = 2000
USER_AGENT = "Aula-Webhooks/1"
LONGEST_DELAY = timedelta(days=1)


def max_attempts():
    return getattr(settings, "AULA_WEBHOOKS_MAX_ATTEMPTS", 8)


def timeout_seconds():
    return getattr(settings, "AULA_WEBHOOKS_TIMEOUT_SECONDS", 10)


def retry_delay(failed_attempts):
    """How long after the ``failed_attempts``-th failure the next attempt is made."""
    base = getattr(settings, "AULA_WEBHOOKS_RETRY_SECONDS", 60)
    return min(timedelta(seconds=base * 4 ** (failed_attempts - 1)), LONGEST_DELAY)


def body_of(delivery):
    """The exact bytes sent (and signed): the payload as compact JSON."""
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def attempt_delivery(delivery_id, replay=False):
    """Make the next attempt of delivery ``delivery_id`` (the job django-q2 runs). Returns
    the Attempt, or None when there was nothing to do."""
    delivery = _claim(delivery_id, replay)
    if delivery is None:
        return None
    attempt = _send(delivery, replay)
    _record(delivery, attempt)
    return attempt


def replay(delivery):
    """The admin's replay: a new attempt of ``delivery``, queued now, with a fresh
    timestamp and signature. Raises WebhookError when its endpoint is inactive."""
    from .publishing import queue

    if not delivery.endpoint.active:
        raise WebhookError(_("This endpoint is inactive: make it active before replaying its deliveries."))
    transaction.on_commit(lambda: queue(delivery.pk, replay=True))


def _claim(delivery_id, replay):
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return None
        endpoint = delivery.endpoint
        if not replay:
            due = delivery.next_attempt_at is None or delivery.next_attempt_at <= now
            if delivery.status != Delivery.Status.PENDING or not due:
                return None  # done, or being attempted by another run
            if not endpoint.active:
                delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
                delivery.save(update_fields=["status", "next_attempt_at"])
                return None
        delivery.attempt_count += 1
        delivery.last_attempt_at = now
        # Another run of this job finds it not due while this attempt may still be running.
        delivery.next_attempt_at = now + timedelta(seconds=2 * timeout_seconds() + 60)
        delivery.save(update_fields=["attempt_count", "last_attempt_at", "next_attempt_at"])
    return delivery


def _send(delivery, replay):
    endpoint = delivery.endpoint
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Aula-Event-Id": str(delivery.event_id),
        "Aula-Event-Type": delivery.event_type,
        "Aula-Delivery-Attempt": str(delivery.attempt_count),
        signing.HEADER: signing.header(endpoint, timestamp, body),
    }
    attempt = Attempt(delivery=delivery, number=delivery.attempt_count, replay=replay, started_at=timezone.now())
    started = time.monotonic()
    try:
        check_url(endpoint.url)  # the scheme and the host's addresses, as they are now
        with guarded_session() as session:
            seconds = timeout_seconds()
            response = session.post(
                endpoint.url, data=body, headers=headers, timeout=(min(seconds, 5), seconds),
                allow_redirects=False, stream=True,
            )  # fmt: skip
            try:
                attempt.status_code = response.status_code
                excerpt = response.raw.read(EXCERPT_CHARS * 4, decode_content=True)
                attempt.response_excerpt = excerpt.decode(response.encoding or "utf-8", "replace")[:EXCERPT_CHARS]
            finally:
                response.close()
        attempt.succeeded = 200 <= response.status_code < 300
        if 300 <= response.status_code < 400:
            attempt.error = _("Redirects are not followed: give the endpoint's final URL.")
    except RefusedDestination as refused:
        attempt.error = str(refused.message)[:255]
    except requests.Timeout:
        attempt.error = _("No answer within %(seconds)s seconds.") % {"seconds": timeout_seconds()}
    except requests.RequestException as error:
        attempt.error = (_("Could not connect: %(error)s") % {"error": error.__class__.__name__})[:255]
    except Exception as error:  # a receiver's garbled answer must not stop the retries
        logger.exception("webhook delivery %s: attempt failed", delivery.pk)
        attempt.error = (_("Could not connect: %(error)s") % {"error": error.__class__.__name__})[:255]
    attempt.duration_ms = int((time.monotonic() - started) * 1000)
    return attempt


def _record(delivery, attempt):
    with transaction.atomic():
        attempt.save()
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if attempt.succeeded:
            locked.status, locked.next_attempt_at = Delivery.Status.SUCCEEDED, None
        elif attempt.replay or locked.attempt_count >= max_attempts():
            locked.status, locked.next_attempt_at = Delivery.Status.FAILED, None
        else:
            locked.status = Delivery.Status.PENDING
            locked.next_attempt_at = timezone.now() + retry_delay(locked.attempt_count)
            next_run, number = locked.next_attempt_at, locked.attempt_count + 1
            transaction.on_commit(lambda: _schedule(locked.pk, next_run, number))
        locked.save(update_fields=["status", "next_attempt_at"])
    if not attempt.succeeded:
        logger.warning(
            "webhook delivery %s to %s: attempt %s failed (%s %s)", delivery.pk, delivery.endpoint.url,
            attempt.number, attempt.status_code, attempt.error,
        )  # fmt: skip


def _schedule(delivery_id, next_run, number):
    """The next attempt, as a one-off django-q2 schedule (deleted once it has run)."""
    from django_q.models import Schedule
    from django_q.tasks import schedule

    schedule(
        "api.webhooks.sending.attempt_delivery", delivery_id,
        name=f"Webhook delivery {delivery_id}, attempt {number} at {next_run:%Y-%m-%d %H:%M:%S.%f}",
        schedule_type=Schedule.ONCE, repeats=-1, next_run=next_run,
    )  # fmt: skip
