import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_request_commits")]  # e-mails go after the commit

LOGIN = "/en/accounts/login/"


def test_login_and_logout(client, user_factory):
    user_factory(email="sam@example.com", password="a-Strong-pass-2026")
    response = client.post(LOGIN, {"login": "sam@example.com", "password": "a-Strong-pass-2026"})
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 200
    client.post("/en/accounts/logout/")
    assert client.get("/en/accounts/profile/").status_code == 302


def test_wrong_password_gets_a_clear_message(client, user_factory):
    user_factory(email="sam@example.com")
    response = client.post(LOGIN, {"login": "sam@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_six_wrong_logins_in_a_row_are_rate_limited(client, user_factory):
    user_factory(email="sam@example.com", password="a-Strong-pass-2026")
    for _ in range(5):
        client.post(LOGIN, {"login": "sam@example.com", "password": "wrong"})
    response = client.post(LOGIN, {"login": "sam@example.com", "password": "wrong"})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused while the address is locked out.
    response = client.post(LOGIN, {"login": "sam@example.com", "password": "a-Strong-pass-2026"})
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/accounts/profile/").status_code == 302


def test_wagtail_admin_login_goes_through_the_rate_limited_form(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or "/accounts/login/" in response["Location"]
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_password_reset_sends_mail_and_sets_new_password(client, user_factory, mailoutbox):
    import re

    user_factory(email="sam@example.com")
    response = client.post("/en/accounts/password/reset/", {"email": "sam@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/password/reset/key/\S+/)", mailoutbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "new-Lighthouse-77", "password2": "new-Lighthouse-77"})
    assert response.status_code == 302
    client.logout()
    response = client.post(LOGIN, {"login": "sam@example.com", "password": "new-Lighthouse-77"})
    assert response.status_code == 302


def test_password_change(client, user_factory):
    user = user_factory(email="sam@example.com", password="a-Strong-pass-2026")
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": "a-Strong-pass-2026", "password1": "new-Lighthouse-77", "password2": "new-Lighthouse-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-Lighthouse-77")


def test_profile_edits_display_name_and_rejects_overlong_names(client, user_factory):
    user = user_factory(email="sam@example.com")
    client.force_login(user)
    response = client.post("/en/accounts/profile/", {"display_name": "Sam S.", "first_name": "", "last_name": ""})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Sam S."
    response = client.post("/en/accounts/profile/", {"display_name": "x" * 200, "first_name": "", "last_name": ""})
    assert response.status_code == 200
    assert "at most 150" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Sam S."
