import pytest
from django.core import mail

from notifications import kinds
from notifications.kinds import EMAIL, SITE, Kind
from notifications.models import Delivery, Notification
from notifications.sending import notify


@pytest.fixture
def test_kind(settings, tmp_path):
    kind = Kind("notifications.test_ping", label="Ping", channels={SITE, EMAIL})
    kinds._kinds[kind.name] = kind
    (tmp_path / "notifications" / "notifications").mkdir(parents=True)
    (tmp_path / "notifications" / "notifications" / "test_ping_subject.txt").write_text("Ping {{ n }}")
    (tmp_path / "notifications" / "notifications" / "test_ping_body.txt").write_text("Body {{ n }} {{ url }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    yield kind
    kinds._kinds.pop(kind.name)


def test_notify_stores_and_emails(user_factory, test_kind, django_capture_on_commit_callbacks):
    user = user_factory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user, "notifications.test_ping", context={"n": 1}, url="/en/x/")
    assert Notification.objects.get().subject == "Ping 1"
    assert notification.in_site
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert len(mail.outbox) == 1
