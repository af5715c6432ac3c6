"""The queue may run a job again (its worker died before saving the result, see the
settings): the certificate jobs then change nothing more, and each e-mail goes once — and
does go, when the run that was to send it was cut short."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_q.tasks import async_task

from ..models import Certificate
from ..tasks import queue_revocation_email
from .factories import certificate_of

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
def mail_server_down_once(settings):
    MailServerDownOnce.refused = 0
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDownOnce"


def run_job(name, *args):
    """The job run as a worker runs it (in this process: the test settings' ``sync``)."""
    async_task(name, *args, sync=True)


def test_a_render_job_run_again_emails_the_holder_once(completed, free_course):
    certificate = certificate_of(completed, free_course)
    assert len(mail.outbox) == 1
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")  # as if cut short before saving
    run_job("certificates.tasks.render_certificate", certificate.pk, True)
    assert certificate_of(completed, free_course).pdf
    assert len(mail.outbox) == 1


def test_a_ready_email_that_could_not_be_sent_goes_when_the_job_runs_again(
    completed, free_course, mail_server_down_once, django_capture_on_commit_callbacks
):
    from notifications.models import Delivery, Notification

    certificate = certificate_of(completed, free_course)
    Certificate.objects.filter(pk=certificate.pk).update(notified_at=None)
    Notification.objects.all().delete()
    mail.outbox.clear()
    # the e-mail job fails: the queue runs it again
    with pytest.raises(smtplib.SMTPServerDisconnected), django_capture_on_commit_callbacks(execute=True):
        run_job("certificates.tasks.render_certificate", certificate.pk, True)
    assert mail.outbox == []
    delivery = Delivery.objects.get(kind="certificates.ready")
    assert delivery.status == Delivery.Status.PENDING
    run_job("notifications.delivery.deliver", delivery.pk)
    assert [message.to for message in mail.outbox] == [[completed.email]]


def test_a_revocation_job_run_again_emails_the_holder_once(
    completed, free_course, admin_user, django_capture_on_commit_callbacks
):
    from ..issuing import revoke

    certificate = revoke(certificate_of(completed, free_course), admin_user, "Plagiarised work")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queue_revocation_email(certificate.pk)
        queue_revocation_email(certificate.pk)
    assert len(mail.outbox) == 1
    assert "Plagiarised work" in mail.outbox[0].body
