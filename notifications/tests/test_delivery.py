"""E-mails go through the queue exactly once each: a job run twice, or racing, sends once;
a job that failed leaves its e-mail for the next run; digests gather what arrives within a
window into one e-mail."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_q.tasks import async_task

from notifications.delivery import deliver, send_due
from notifications.models import Delivery
from notifications.sending import notify


def test_the_delivery_job_run_twice_sends_one_email(user_factory, ping):
    notify(user_factory(), "notifications.ping", context={"n": 1})  # not committed: the job is not queued
    delivery = Delivery.objects.get()
    async_task("notifications.delivery.deliver", delivery.pk, sync=True)
    async_task("notifications.delivery.deliver", delivery.pk, sync=True)  # the queue handed it out again
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1


def test_the_schedule_does_not_send_again_what_the_job_sent(user_factory, ping, send):
    send(notify, user_factory(), "notifications.ping", context={"n": 1})
    assert send_due() == 0
    assert len(mail.outbox) == 1


class MailServerDownOnce:
    refused = 0


@pytest.fixture
def mail_server_down_once(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def send_messages(self, messages):
        if not MailServerDownOnce.refused:
            MailServerDownOnce.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return original(self, messages)

    MailServerDownOnce.refused = 0
    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)


def test_a_failed_send_is_retried_by_the_schedule(user_factory, ping, mail_server_down_once):
    notify(user_factory(), "notifications.ping", context={"n": 1})
    delivery = Delivery.objects.get()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    assert mail.outbox == []
    assert send_due() == 1
    assert len(mail.outbox) == 1


def test_a_delivery_that_keeps_failing_is_given_up(user_factory, ping, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: 1 / 0)
    notify(user_factory(), "notifications.ping", context={"n": 1})
    for _run in range(10):
        send_due()
    assert Delivery.objects.get().status == Delivery.Status.FAILED
    assert send_due() == 0


def test_a_delivery_of_an_unknown_id_sends_nothing(db):
    assert deliver(987654) == 0


# --- Digests ----------------------------------------------------------------------------------


def window_passes():
    Delivery.objects.exclude(sent_at=None).update(sent_at=timezone.now() - timedelta(minutes=11))


def test_the_first_of_a_digest_kind_goes_at_once_the_rest_together(user_factory, gathered, send):
    user = user_factory()
    for n in range(1, 5):
        send(notify, user, "notifications.gathered", context={"n": n})
    assert [m.subject for m in mail.outbox] == ["One thing: 1"]
    assert send_due() == 0  # the window is still open
    window_passes()
    assert send_due() == 1
    digest = mail.outbox[1]
    assert digest.subject == "3 things"
    assert digest.body.index("Thing 2") < digest.body.index("Thing 3") < digest.body.index("Thing 4")
    assert "Thing 1" not in digest.body
    window_passes()
    assert send_due() == 0


def test_each_recipient_has_their_own_digest(user_factory, gathered, send):
    first, second = user_factory(email="first@example.com"), user_factory(email="second@example.com")
    for user in (first, second, first, second):
        send(notify, user, "notifications.gathered", context={"n": user.pk})
    window_passes()
    assert send_due() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "first@example.com",
        "first@example.com",
        "second@example.com",
        "second@example.com",
    ]


def test_a_digest_job_run_twice_sends_once(user_factory, gathered, send):
    user = user_factory()
    send(notify, user, "notifications.gathered", context={"n": 1})
    send(notify, user, "notifications.gathered", context={"n": 2})
    send(notify, user, "notifications.gathered", context={"n": 3})
    window_passes()
    waiting = list(Delivery.objects.filter(status=Delivery.Status.PENDING).values_list("pk", flat=True))
    assert deliver(waiting[0]) == 1
    assert deliver(waiting[1]) == 0
    assert send_due() == 0
    assert len(mail.outbox) == 2
