"""Sending: retries with backoff through django-q2's schedules, the maximum of attempts,
timeouts, redirects not followed, the answer's excerpt capped, a job run twice, replays."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import Schedule

from api.webhooks import events
from api.webhooks.models import Attempt, Delivery
from api.webhooks.publishing import deliver_event
from api.webhooks.sending import EXCERPT_CHARS, attempt_delivery, replay

pytestmark = pytest.mark.django_db


def send(endpoint, django_capture_on_commit_callbacks, event_type=events.ENROLLMENT_CREATED):
    """An event for ``endpoint``, written and queued as after a commit (its first attempt runs now)."""
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = deliver_event([endpoint.pk], events.envelope(event_type, {"learner": {"id": 1}}))
    delivery.refresh_from_db()
    return delivery


def run_due_schedules(django_capture_on_commit_callbacks):
    """What django-q2's scheduler does when the next attempt's time comes (as if that time had come)."""
    from django_q.scheduler import scheduler

    past = timezone.now() - timedelta(seconds=1)
    Schedule.objects.filter(func="api.webhooks.sending.attempt_delivery").update(next_run=past)
    Delivery.objects.filter(status=Delivery.Status.PENDING).update(next_attempt_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler()


def test_a_receiver_that_fails_then_succeeds_gets_the_event_on_the_retry(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500, "database down")
    delivery = send(endpoint, django_capture_on_commit_callbacks)

    assert delivery.status == Delivery.Status.PENDING and delivery.attempt_count == 1
    first = delivery.attempts.get()
    assert (first.status_code, first.succeeded, first.response_excerpt) == (500, False, "database down")
    wait = delivery.next_attempt_at - first.started_at
    assert timedelta(seconds=59) < wait < timedelta(seconds=62)
    scheduled = Schedule.objects.get(func="api.webhooks.sending.attempt_delivery")
    assert scheduled.args == f"({delivery.pk},)" and abs(scheduled.next_run - delivery.next_attempt_at) < timedelta(1)

    run_due_schedules(django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt_count == 2
    assert [a.status_code for a in delivery.attempts.order_by("number")] == [500, 200]
    assert not Schedule.objects.filter(func="api.webhooks.sending.attempt_delivery").exists()  # a one-off, gone
    assert [r.headers["Aula-Delivery-Attempt"] for r in receiver.received] == ["1", "2"]
    assert len({r.event["id"] for r in receiver.received}) == 1 and all(r.verified for r in receiver.received)


def test_the_backoff_grows_and_the_delivery_fails_after_the_last_attempt(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.AULA_WEBHOOKS_MAX_ATTEMPTS = 3
    for _ in range(3):
        receiver.answer(503, "busy")
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    waits = [delivery.next_attempt_at - delivery.last_attempt_at]
    run_due_schedules(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
    run_due_schedules(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()

    assert [round(w.total_seconds() / 60) for w in waits] == [1, 4]
    assert delivery.status == Delivery.Status.FAILED and delivery.attempt_count == 3
    assert delivery.next_attempt_at is None
    assert not Schedule.objects.filter(func="api.webhooks.sending.attempt_delivery").exists()
    assert len(receiver.received) == 3


def test_a_receiver_too_slow_to_answer_is_a_failed_attempt(endpoint, receiver, settings,
                                                          django_capture_on_commit_callbacks):  # fmt: skip
    settings.AULA_WEBHOOKS_TIMEOUT_SECONDS = 1
    receiver.answer(200, "too late", wait=10)
    delivery = send(endpoint, django_capture_on_commit_callbacks)

    attempt = delivery.attempts.get()
    assert not attempt.succeeded and attempt.status_code is None
    assert attempt.error == "No answer within 1 seconds."
    assert 900 <= attempt.duration_ms < 5000
    assert delivery.status == Delivery.Status.PENDING


def test_a_refused_connection_is_a_failed_attempt(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.stop()  # nobody listens on that port any more
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    attempt = delivery.attempts.get()
    assert not attempt.succeeded and attempt.error.startswith("Could not connect")


def test_a_redirect_is_not_followed(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answer(302, "moved")
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    attempt = delivery.attempts.get()
    assert attempt.status_code == 302 and not attempt.succeeded
    assert "Redirects are not followed" in attempt.error
    assert [r.path for r in receiver.received] == ["/hooks/aula"]  # never /moved


def test_the_answer_kept_is_an_excerpt(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answer(200, "é" * 50_000)
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    attempt = delivery.attempts.get()
    assert attempt.succeeded and attempt.response_excerpt == "é" * EXCERPT_CHARS


def test_a_job_run_twice_makes_one_attempt(endpoint, receiver, django_capture_on_commit_callbacks):
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    assert attempt_delivery(delivery.pk) is None  # the ORM broker handing the job out again
    assert Attempt.objects.count() == 1 and len(receiver.received) == 1


def test_an_attempt_in_progress_is_not_attempted_again(endpoint, receiver):
    delivery = Delivery.objects.create(
        endpoint=endpoint, event_id="3f0c8e8e-6a43-4a4e-9a43-6f3a9f7d5e21", event_type=events.PING,
        payload=events.envelope(events.PING, {}), next_attempt_at=timezone.now() + timedelta(seconds=80),
    )  # fmt: skip
    assert attempt_delivery(delivery.pk) is None
    assert receiver.received == []


def test_a_replay_is_a_new_attempt_with_a_fresh_signature_and_the_same_event(
    endpoint, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    import time

    delivery = send(endpoint, django_capture_on_commit_callbacks)
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)  # the replay happens two minutes later
    with django_capture_on_commit_callbacks(execute=True):
        replay(delivery)
    delivery.refresh_from_db()

    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt_count == 2
    assert [a.replay for a in delivery.attempts.order_by("number")] == [False, True]
    first, second = receiver.received
    assert first.body == second.body and first.headers["Aula-Event-Id"] == second.headers["Aula-Event-Id"]
    stamp = [r.headers["Aula-Signature"].split(",")[0] for r in receiver.received]
    assert stamp[0] != stamp[1] and stamp[1] == f"t={int(later)}"
    assert receiver.verify(second.body, second.headers["Aula-Signature"], endpoint.secret, now=later)


def test_a_failed_replay_marks_the_delivery_failed_without_more_retries(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    receiver.answer(500, "broken again")
    with django_capture_on_commit_callbacks(execute=True):
        replay(delivery)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and delivery.next_attempt_at is None
    assert not Schedule.objects.filter(func="api.webhooks.sending.attempt_delivery").exists()


def test_a_pending_delivery_of_an_endpoint_made_inactive_fails_unsent(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    delivery = send(endpoint, django_capture_on_commit_callbacks)
    endpoint.active = False
    endpoint.save()
    run_due_schedules(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempt_count == 1
    assert len(receiver.received) == 1
