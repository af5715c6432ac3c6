"""Kinds and helpers for the notifications tests: a test kind declared the way an app
declares one, with its templates."""

import pytest
from django.utils.translation import gettext_lazy as _

from notifications import kinds
from notifications.kinds import EMAIL, SITE, Kind


def declare(kind):
    kinds._kinds[kind.name] = kind
    return kind


@pytest.fixture
def kind_templates(settings, tmp_path):
    """Write ``notifications/notifications/<short>_<part>.txt`` templates for test kinds."""
    folder = tmp_path / "templates" / "notifications" / "notifications"
    folder.mkdir(parents=True)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]

    def write(short, **parts):
        for part, text in parts.items():
            (folder / f"{short}_{part}.txt").write_text(text)

    return write


@pytest.fixture
def ping(kind_templates):
    """A kind on both channels: 'Ping <n>' with a link."""
    kind_templates(
        "ping",
        subject="{% load i18n %}{% translate 'Course' %} {{ n }}",
        body="Body {{ n }} {{ url }} {{ when|date:'H:i' }}",
    )
    kind = declare(Kind("notifications.ping", label=_("Pings"), channels={SITE, EMAIL}, recipients="a tester"))
    yield kind
    kinds._kinds.pop(kind.name)


@pytest.fixture
def receipt_like(kind_templates):
    kind_templates("paid", subject="Paid {{ n }}", body="You paid {{ n }}")
    kind = declare(Kind("notifications.paid", label="Paid", channels={EMAIL}, transactional=True))
    yield kind
    kinds._kinds.pop(kind.name)


@pytest.fixture
def gathered(kind_templates):
    kind_templates(
        "gathered",
        subject="One thing: {{ n }}",
        body="Thing {{ n }}",
        digest_subject="{{ count }} things",
        digest_body="{% for notification in notifications %}{{ notification.body }}\n{% endfor %}",
    )
    kind = declare(
        Kind("notifications.gathered", label="Things", channels={SITE, EMAIL}, digest=True, digest_minutes=10)
    )
    yield kind
    kinds._kinds.pop(kind.name)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """``send(notify, ...)``: call it and run what its commit queues (the delivery job)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
