"""The receipt job may run again (the queue hands a job out again when its worker died
before saving the result, see the settings): the buyer gets one receipt, and gets it when
the run that was to send it was cut short."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_q.tasks import async_task

from .helpers import check_out, dev_pay

pytestmark = pytest.mark.django_db


class MailServerDownOnce(EmailBackend):
    """The mail server refuses the first message it is given, then accepts them."""

    refused = 0

    def send_messages(self, messages):
        if not MailServerDownOnce.refused:
            MailServerDownOnce.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def paid_order(buyer_client, course_a, django_capture_on_commit_callbacks):
    _response, order = check_out(buyer_client, course_a)
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    assert len(mail.outbox) == 1  # the receipt, sent once the payment committed
    return order


def run_receipt_job(order):
    """The job run as a worker runs it (in this process: the test settings' ``sync``)."""
    async_task("commerce.receipts.send_receipt", order.pk, sync=True)


def test_a_receipt_job_run_again_emails_the_buyer_once(paid_order):
    run_receipt_job(paid_order)
    assert len(mail.outbox) == 1


def test_a_receipt_that_could_not_be_sent_goes_when_the_job_runs_again(
    buyer_client, buyer, course_a, settings, django_capture_on_commit_callbacks
):
    MailServerDownOnce.refused = 0
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownOnce"
    _response, order = check_out(buyer_client, course_a)
    with pytest.raises(smtplib.SMTPServerDisconnected), django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)  # paid; the receipt's e-mail job fails and its e-mail stays waiting
    assert mail.outbox == []
    from notifications.models import Delivery

    delivery = Delivery.objects.get(kind="commerce.receipt")  # the receipt's e-mail, still waiting
    run_receipt_job(order)  # the receipt job again: the buyer was told already, nothing new
    async_task("notifications.delivery.deliver", delivery.pk, sync=True)  # the e-mail's job, run again
    assert [message.to for message in mail.outbox] == [[buyer.email]]
    run_receipt_job(order)
    async_task("notifications.delivery.deliver", delivery.pk, sync=True)
    assert len(mail.outbox) == 1
