"""``notify()``: stored and e-mailed per the kind's channels and the recipient's choices,
written in the recipient's language and time zone, links on the site's address."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from notifications import kinds
from notifications.models import Delivery, Notification
from notifications.preferences import set_preference
from notifications.sending import notify


def test_a_kind_on_both_channels_is_stored_and_emailed(user_factory, ping, send):
    user = user_factory()
    notification = send(notify, user, "notifications.ping", context={"n": 1})
    assert notification.in_site and notification.recipient == user
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Course 1"


def test_an_email_only_kind_is_not_shown_on_the_site(user_factory, receipt_like, send):
    notification = send(notify, user_factory(), "notifications.paid", context={"n": 2})
    assert not notification.in_site
    assert len(mail.outbox) == 1


def test_an_unknown_kind_is_refused(user_factory):
    with pytest.raises(kinds.UnknownKind):
        notify(user_factory(), "notifications.no_such_kind")
    assert not Notification.objects.exists()


def test_nothing_is_emailed_before_the_commit(user_factory, ping):
    notify(user_factory(), "notifications.ping", context={"n": 1})  # the test's transaction never commits
    assert mail.outbox == []
    assert Delivery.objects.get().status == Delivery.Status.PENDING


@pytest.mark.parametrize(
    ("language", "subject"), [("es", "Curso 1"), ("fr", "Cours 1"), ("pt-br", "Curso 1"), ("", "Course 1")]
)
def test_the_email_is_in_the_recipients_language(user_factory, ping, send, language, subject):
    send(notify, user_factory(language=language), "notifications.ping", context={"n": 1})
    assert mail.outbox[0].subject == subject


def test_without_a_chosen_language_the_signup_language_is_used(user_factory, ping, send):
    send(notify, user_factory(signup_language="fr"), "notifications.ping", context={"n": 1}, language="es")
    assert mail.outbox[0].subject == "Cours 1"


def test_the_callers_language_is_used_for_someone_who_chose_none(user_factory, ping, send):
    send(notify, user_factory(), "notifications.ping", context={"n": 1}, language="es")
    assert mail.outbox[0].subject == "Curso 1"


def test_times_are_in_the_recipients_time_zone(user_factory, ping, send):
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    send(
        notify,
        user_factory(time_zone="America/Argentina/Buenos_Aires"),
        "notifications.ping",
        context={"n": 1, "when": when},
    )
    assert " 09:00" in mail.outbox[0].body


def test_links_are_absolute_on_the_sites_address(user_factory, ping, send, settings):
    settings.SITE_URL = "https://aula.example.org"
    notification = send(notify, user_factory(), "notifications.ping", context={"n": 1}, url="/en/courses/")
    assert notification.url == "https://aula.example.org/en/courses/"
    assert "https://aula.example.org/en/courses/" in mail.outbox[0].body


def test_a_wagtail_full_url_on_localhost_moves_to_the_sites_address(user_factory, ping, send, settings):
    settings.SITE_URL = "https://aula.example.org"
    notification = send(notify, user_factory(), "notifications.ping", context={"n": 1}, url="http://localhost/en/x/")
    assert notification.url == "https://aula.example.org/en/x/"
    assert "localhost" not in mail.outbox[0].body


def test_email_turned_off_keeps_the_site_notification(user_factory, ping, send):
    user = user_factory()
    set_preference(user, "notifications.ping", kinds.EMAIL, False)
    notification = send(notify, user, "notifications.ping", context={"n": 1})
    assert notification.in_site
    assert mail.outbox == []


def test_both_channels_off_makes_nothing(user_factory, ping, send):
    user = user_factory()
    set_preference(user, "notifications.ping", kinds.EMAIL, False)
    set_preference(user, "notifications.ping", kinds.SITE, False)
    assert send(notify, user, "notifications.ping", context={"n": 1}) is None
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_transactional_kind_cannot_be_turned_off(user_factory, receipt_like, send):
    user = user_factory()
    assert set_preference(user, "notifications.paid", kinds.EMAIL, False) is False
    send(notify, user, "notifications.paid", context={"n": 1})
    assert len(mail.outbox) == 1


def test_a_key_tells_once(user_factory, ping, send):
    user = user_factory()
    first = send(notify, user, "notifications.ping", context={"n": 1}, key="ping:1")
    again = send(notify, user, "notifications.ping", context={"n": 1}, key="ping:1")
    assert again == first
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_an_address_without_an_account_is_emailed(db, ping, send):
    notification = send(notify, "someone@example.com", "notifications.ping", context={"n": 1})
    assert not notification.in_site
    assert mail.outbox[0].to == ["someone@example.com"]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers  # nobody to turn it off for


def test_an_inactive_user_is_not_emailed(user_factory, ping, send):
    send(notify, user_factory(is_active=False), "notifications.ping", context={"n": 1})
    assert mail.outbox == []
