"""The contact form: on only when site settings say so; stored and told to the contact
address; bots refused quietly; the per-address limit."""

import time

import pytest
from django.core import mail
from wagtail.models import Site

from home.models import SiteSettings
from notifications.communication.contact import started_token
from notifications.models import ContactMessage, Notification

from .communication_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

URL = "/en/contact/"


@pytest.fixture
def enabled(db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_form_enabled = True
    settings.contact_email = "hello@aula.test"
    settings.save()
    return settings


def _form(**extra):
    data = {
        "name": "Ada",
        "email": "ada@example.org",
        "subject": "Group prices",
        "body": "Do you offer prices for groups?",
        "website": "",
        "started": started_token(time.time() - 30),
    }
    data.update(extra)
    return data


def _send(client, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, _form(**extra), follow=True)


def test_the_contact_form_is_off_unless_site_settings_turn_it_on(client, db):
    assert client.get(URL).status_code == 404
    assert client.post(URL, _form()).status_code == 404
    assert not ContactMessage.objects.exists()


def test_a_message_is_stored_and_the_contact_address_is_told(client, enabled, django_capture_on_commit_callbacks):
    assert 'href="/en/contact/"' in client.get("/en/").content.decode()
    response = _send(client, django_capture_on_commit_callbacks)
    assert "Thank you: your message is sent." in response.content.decode()
    message = ContactMessage.objects.get()
    assert (message.status, message.email, message.language) == ("new", "ada@example.org", "en")
    told = Notification.objects.get(kind="notifications.contact_message")
    assert told.email == "hello@aula.test" and told.recipient is None
    assert [m.to for m in mail.outbox] == [["hello@aula.test"]]
    assert "Do you offer prices for groups?" in mail.outbox[0].body


def test_a_filled_honeypot_is_refused_quietly(client, enabled, django_capture_on_commit_callbacks):
    response = _send(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert "Thank you: your message is sent." in response.content.decode()
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_a_form_sent_too_fast_is_refused_quietly(client, enabled, django_capture_on_commit_callbacks):
    response = _send(client, django_capture_on_commit_callbacks, started=started_token(time.time()))
    assert "Thank you: your message is sent." in response.content.decode()
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_a_forged_moment_is_refused_and_the_form_shown_again(client, enabled, django_capture_on_commit_callbacks):
    response = _send(client, django_capture_on_commit_callbacks, started="1700000000")
    assert "This form was open too long. Please send it again." in response.content.decode()
    assert 'value="Group prices"' in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_too_many_messages_from_one_address_are_refused(client, enabled, django_capture_on_commit_callbacks):
    for number in range(5):
        _send(client, django_capture_on_commit_callbacks, subject=f"Question {number}")
    response = _send(client, django_capture_on_commit_callbacks, subject="One too many")
    assert "Too many messages were sent from your address." in response.content.decode()
    assert ContactMessage.objects.count() == 5


def test_missing_fields_are_named(client, enabled):
    response = client.post(URL, _form(email="not an address", body=""))
    html = response.content.decode()
    assert response.status_code == 200 and "Enter a valid email address." in html and "This field is required." in html
    assert not ContactMessage.objects.exists()


def test_scripts_in_a_contact_message_are_harmless_in_the_admin(
    client, enabled, editor, django_capture_on_commit_callbacks
):
    _send(client, django_capture_on_commit_callbacks, subject="<script>alert('s')</script>", name="<b>Bold</b>")
    client.force_login(editor)
    html = client.get("/admin/communication/contact/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_opening_a_new_message_in_the_admin_marks_it_seen(client, enabled, editor, django_capture_on_commit_callbacks):
    _send(client, django_capture_on_commit_callbacks)
    message = ContactMessage.objects.get()
    client.force_login(editor)
    assert client.get(f"/admin/communication/contact/edit/{message.pk}/").status_code == 200
    message.refresh_from_db()
    assert message.status == "seen"
    client.post(f"/admin/communication/contact/edit/{message.pk}/", {"status": "answered"})
    message.refresh_from_db()
    assert message.status == "answered"
