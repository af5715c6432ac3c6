import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_request_commits")]  # e-mails go after the commit

User = get_user_model()
SIGNUP = "/en/accounts/signup/"
GOOD = {
    "display_name": "Lin Learner",
    "email": "lin@example.com",
    "password1": "violet-Harbour-42",
    "password2": "violet-Harbour-42",
}


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", message.body).group(1)


def test_signup_creates_unverified_user_and_sends_confirmation(client, mailoutbox):
    response = client.post(SIGNUP, GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="lin@example.com")
    assert user.display_name == "Lin Learner"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["lin@example.com"]


def test_confirming_the_email_verifies_and_logs_in(client, mailoutbox):
    """In the browser that signed up, opening the link confirms at once (issue 26)."""
    client.post(SIGNUP, GOOD)
    link = confirmation_link(mailoutbox[0])
    response = client.get(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="lin@example.com").verified
    assert client.get("/en/accounts/profile/").status_code == 200


def test_the_link_opened_in_another_browser_asks_before_confirming(client, mailoutbox):
    """A mail scanner, or another device: the page with its "Confirm" button, nothing confirmed
    by opening it; the button confirms (and the login form follows: no session to resume)."""
    client.post(SIGNUP, GOOD)
    link = confirmation_link(mailoutbox[0])
    elsewhere = Client()
    assert elsewhere.get(link).status_code == 200
    assert not EmailAddress.objects.get(email="lin@example.com").verified
    assert elsewhere.post(link).status_code == 302
    assert EmailAddress.objects.get(email="lin@example.com").verified
    assert elsewhere.get("/en/accounts/profile/").status_code == 302  # not signed in there


def test_mandatory_verification_blocks_login_until_confirmed(client, mailoutbox):
    client.post(SIGNUP, GOOD)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "lin@example.com", "password": "violet-Harbour-42"})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert client.get("/en/accounts/profile/").status_code == 302


def test_signup_with_existing_email_is_refused(client, user_factory):
    user_factory(email="lin@example.com")
    response = client.post(SIGNUP, {**GOOD, "email": "LIN@example.com"})
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email__iexact="lin@example.com").count() == 1


@pytest.mark.parametrize("password", ["12345678901", "password123", "short"])
def test_signup_with_weak_password_is_refused(client, password):
    response = client.post(SIGNUP, {**GOOD, "password1": password, "password2": password})
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode()
    assert not User.objects.filter(email="lin@example.com").exists()


def test_signup_with_malformed_email_is_refused(client):
    response = client.post(SIGNUP, {**GOOD, "email": "not-an-email@"})
    assert response.status_code == 200
    assert "valid email address" in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_mismatched_passwords_is_refused(client):
    response = client.post(SIGNUP, {**GOOD, "password2": "another-Harbour-42"})
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_page_is_translated(client):
    response = client.get("/es/accounts/signup/")
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()
    assert "Contraseña" in response.content.decode()


def test_new_users_get_argon2_hashes(settings):
    from lms_site.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_signups_are_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for n in range(2):
        client.post(SIGNUP, {**GOOD, "email": f"person{n}@example.com"})
        client.logout()
    response = client.post(SIGNUP, {**GOOD, "email": "person9@example.com"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.filter(email="person9@example.com").exists()
