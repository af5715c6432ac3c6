"""A background worker killed mid-way loses no job and repeats no effect.

A real ``manage.py qcluster`` renders 40 certificates (each a PDF and a "ready" e-mail); it
is SIGKILLed, all its processes at once, with some renders done, some in flight and the rest
taken from the queue; a new cluster then finishes: every certificate rendered, every holder
e-mailed exactly once. ``retry`` is shortened for the test (production: 900 s) so the jobs
the killed cluster held are handed out again within seconds; an e-mail whose job was not
queued yet when the cluster died (its record committed, the queueing after the commit) is
sent by the sweep of waiting e-mails (a schedule), run within seconds here too.

PostgreSQL and MariaDB (CI's server-database phases): the cluster is another process, which
must share the test database. Everything stays on 127.0.0.1.
"""

import email
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.tests.databases import shared_test_database

from .processes import Server, settings_module

JOBS = 40
KILL_AFTER = 10  # certificates e-mailed before the kill
TIMEOUT, RETRY = 8, 10  # a job's longest run, and when an unacknowledged one is handed out again
GUARD_CYCLE = 0.1  # the cluster's guard loop; its scheduler runs every 60 loops (production: 0.5 s, 30 s)
DEADLINE = 75  # seconds for the whole test, both clusters included

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    shared_test_database,
]


@pytest.fixture
def holders(settings):
    """40 learners holding a certificate of one course, none rendered or e-mailed yet."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from certificates.templates import template_for_course
    from courses.tests import factories

    course = factories.build_course(title="Surviving a crash", slug="crash", price=0, sections=1)
    template = template_for_course(course, "en")
    users = get_user_model().objects.bulk_create(
        [get_user_model()(email=f"holder{n}@example.org", display_name=f"Holder {n}") for n in range(JOBS)]
    )
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                code=new_code(), user=user, course_key=course.translation_key, course=course, template=template,
                language="en", holder_name=user.display_name, title=course.title, completed_at=timezone.now(),
            )
            for user in users
        ]
    )  # fmt: skip
    return [certificate.pk for certificate in certificates]


@pytest.fixture
def cluster_settings(tmp_path, settings):
    """The cluster's settings: the test settings on this test's database, jobs queued for
    real (not run in-process), mail written to files."""
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.AULA_CERTIFICATE_SIGNING_KEY = key.decode()
    settings.SITE_URL = "http://testserver"
    mail = tmp_path / "mail"
    mail.mkdir()
    module = settings_module(
        tmp_path,
        f"Q_CLUSTER = {{**Q_CLUSTER, 'sync': False, 'timeout': {TIMEOUT}, 'retry': {RETRY}, 'poll': 0.1, "
        f"'guard_cycle': {GUARD_CYCLE}}}",
        "EMAIL_BACKEND = 'django.core.mail.backends.filebased.EmailBackend'",
        f"EMAIL_FILE_PATH = {str(mail)!r}",
        f"MEDIA_ROOT = {settings.MEDIA_ROOT!r}",
        f"AULA_CERTIFICATE_SIGNING_KEY = {settings.AULA_CERTIFICATE_SIGNING_KEY!r}",
        f"SITE_URL = {settings.SITE_URL!r}",
    )
    return module, mail


def cluster(module):
    return Server(module, "manage.py", "qcluster")


def recipients(mail_folder):
    """The address of every e-mail written, one entry per e-mail."""
    found = []
    for path in sorted(mail_folder.iterdir()):
        for raw in path.read_bytes().split(b"-" * 79 + b"\n"):
            if raw.strip():
                found.append(email.message_from_bytes(raw)["To"])
    return found


def test_a_worker_killed_mid_way_loses_no_certificate_and_sends_each_email_once(holders, cluster_settings, monkeypatch):
    from django.utils import timezone
    from django_q.conf import Conf
    from django_q.models import OrmQ, Schedule

    from certificates.models import Certificate
    from certificates.tasks import queue_render
    from notifications.models import Delivery

    module, mail = cluster_settings
    deadline = time.monotonic() + DEADLINE
    monkeypatch.setattr(Conf, "SYNC", False)  # queued for the cluster, not run here
    for certificate_id in holders:
        queue_render(certificate_id, notify=True)

    def notified():
        return Certificate.objects.filter(pk__in=holders, notified_at__isnull=False).count()

    first = cluster(module)
    try:
        assert first.wait_until(lambda: notified() >= KILL_AFTER, deadline), first.tail()
    finally:
        first.kill()
    assert notified() < JOBS, "the kill came too late to test anything"
    # Jobs the killed cluster had taken (locked, never acknowledged): the ones at stake.
    assert OrmQ.objects.filter(lock__gt=timezone.now()).exists()

    def finished():
        rendered = Certificate.objects.filter(pk__in=holders).exclude(pdf="").count()
        waiting = Delivery.objects.filter(status=Delivery.Status.PENDING).exists()
        return rendered == JOBS and notified() == JOBS and not waiting and not OrmQ.objects.exists()

    # An e-mail's job is queued once the delivery's record commits: a kill between the two
    # leaves the delivery waiting, for the sweep (every minute, notifications.delivery.send_due).
    # The sweep is due when the second cluster starts, rather than up to a minute later.
    Schedule.objects.filter(func="notifications.delivery.send_due").update(next_run=timezone.now())
    second = cluster(module)
    try:
        second.wait_until(finished, deadline)
    finally:
        second.kill()

    certificates = Certificate.objects.filter(pk__in=holders).select_related("user")
    assert [c.pk for c in certificates if not c.pdf or c.notified_at is None] == [], second.tail()
    assert sorted(recipients(mail)) == sorted(c.user.email for c in certificates)
    assert not OrmQ.objects.exists()
