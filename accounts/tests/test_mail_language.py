"""Every account e-mail is written in the recipient's language: the one chosen on their
profile, else the one they signed up in — not the language of the page that sent it."""

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_request_commits")]  # e-mails go after the commit

User = get_user_model()
SIGNUP = {
    "display_name": "Lin",
    "email": "lin@example.com",
    "password1": "violet-Harbour-42",
    "password2": "violet-Harbour-42",
}


def reset_subject(code):
    with translation.override(code):
        return render_to_string("account/email/password_reset_key_subject.txt", {"current_site": None}).strip()


def test_the_reset_subject_differs_by_language():
    assert len({reset_subject(code) for code in ("en", "es", "fr")}) == 3


def test_signing_up_in_spanish_records_it_and_confirms_in_spanish(client, mailoutbox):
    english = mailoutbox_subject_for(client, "/en/accounts/signup/", {**SIGNUP, "email": "en@example.com"}, mailoutbox)
    spanish = mailoutbox_subject_for(client, "/es/accounts/signup/", SIGNUP, mailoutbox)
    assert User.objects.get(email="lin@example.com").signup_language == "es"
    assert spanish != english


def mailoutbox_subject_for(client, url, data, mailoutbox):
    client.post(url, data)
    client.logout()
    return mailoutbox[-1].subject


def test_a_password_reset_asked_on_an_english_page_is_written_in_the_sign_up_language(client, mailoutbox):
    client.post("/es/accounts/signup/", SIGNUP)
    client.logout()
    client.post("/en/accounts/password/reset/", {"email": "lin@example.com"})
    assert mailoutbox[-1].subject.endswith(reset_subject("es").split("]")[-1].strip())


def test_the_profile_language_wins(client, mailoutbox):
    client.post("/es/accounts/signup/", SIGNUP)
    user = User.objects.get(email="lin@example.com")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/", {"display_name": "Lin", "first_name": "", "last_name": "", "language": "fr"}
    )
    assert response.status_code in (200, 302)
    user.refresh_from_db()
    assert user.language == "fr"
    client.logout()
    client.post("/en/accounts/password/reset/", {"email": "lin@example.com"})
    assert mailoutbox[-1].subject.endswith(reset_subject("fr").split("]")[-1].strip())


def test_an_unknown_language_on_the_profile_is_refused(client, user_factory):
    user = user_factory()
    client.force_login(user)
    response = client.post("/en/accounts/profile/", {"display_name": "X", "language": "xx"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.language == ""
