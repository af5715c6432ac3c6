"""Every e-mail of a kind one may turn off carries a preferences link and RFC 8058's
one-click unsubscribe (``List-Unsubscribe`` + ``List-Unsubscribe-Post``) with a signed
token; the link works without signing in; a tampered link changes nothing."""

from django.core import mail

from notifications import kinds
from notifications.models import Preference
from notifications.preferences import channels_for, unsubscribe_token
from notifications.sending import notify


def unsubscribe_url(message):
    return message.extra_headers["List-Unsubscribe"].strip("<>")


def test_an_email_carries_the_one_click_headers(user_factory, ping, send, settings):
    send(notify, user_factory(), "notifications.ping", context={"n": 1})
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url(message).startswith(settings.SITE_URL + "/en/notifications/unsubscribe/")
    assert unsubscribe_url(message) in message.body
    assert f"{settings.SITE_URL}/en/notifications/preferences/" in message.body


def test_the_unsubscribe_link_is_in_the_recipients_language(user_factory, ping, send, settings):
    send(notify, user_factory(language="fr"), "notifications.ping", context={"n": 1})
    assert unsubscribe_url(mail.outbox[0]).startswith(settings.SITE_URL + "/fr/notifications/unsubscribe/")


def test_a_transactional_email_has_no_unsubscribe(user_factory, receipt_like, send):
    send(notify, user_factory(), "notifications.paid", context={"n": 1})
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_one_click_post_turns_the_kind_off_without_signing_in(client, user_factory, ping, send, settings):
    user = user_factory()
    send(notify, user, "notifications.ping", context={"n": 1})
    path = unsubscribe_url(mail.outbox[0])[len(settings.SITE_URL) :]
    client.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert channels_for(user, "notifications.ping") == {kinds.SITE}
    send(notify, user, "notifications.ping", context={"n": 2})
    assert len(mail.outbox) == 1


def test_opening_the_link_asks_first_and_changes_nothing(client, user_factory, ping):
    user = user_factory()
    response = client.get(f"/en/notifications/unsubscribe/{unsubscribe_token(user, 'notifications.ping')}/")
    assert response.status_code == 200
    assert b"Unsubscribe" in response.content and b'<form method="post"' in response.content
    assert not Preference.objects.exists()
    assert "no-store" in response["Cache-Control"]


def test_a_tampered_token_changes_nothing_and_says_so(client, user_factory, ping):
    user = user_factory()
    token = unsubscribe_token(user, "notifications.ping")
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for method in (client.get, client.post):
        response = method(f"/en/notifications/unsubscribe/{tampered}/")
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    assert not Preference.objects.exists()


def test_a_token_for_another_kind_name_cannot_be_forged(client, user_factory, ping):
    from django.core import signing

    user = user_factory()
    forged = signing.dumps({"u": user.pk, "k": "notifications.ping", "c": "email"}, salt="another salt")
    assert client.post(f"/en/notifications/unsubscribe/{forged}/").status_code == 400
    assert client.post("/en/notifications/unsubscribe/junk/").status_code == 400
    assert not Preference.objects.exists()


def test_a_token_for_a_transactional_kind_changes_nothing(client, user_factory, receipt_like):
    user = user_factory()
    response = client.post(f"/en/notifications/unsubscribe/{unsubscribe_token(user, 'notifications.paid')}/")
    assert response.status_code == 400
    assert channels_for(user, "notifications.paid") == {kinds.EMAIL}
