"""The sign-up journey in a real browser: sign up, confirm from the captured e-mail,
log out, log in, switch language."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_up_confirm_log_out_log_in_and_switch_language(page, live_url, mailoutbox):
    page.goto(live_url + "/en/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Your name").fill("Bea Browser")
    page.get_by_label("Email").fill("bea@example.com")
    page.get_by_label("Password", exact=False).first.fill("copper-Meadow-81")
    page.get_by_label("Password (again)").fill("copper-Meadow-81")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r".*/confirm-email/.*"))

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(live_url + path)  # in the browser that signed up, the link confirms at once
    page.wait_for_load_state()
    assert page.get_by_role("link", name=re.compile("Bea Browser")).is_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    # allauth asks to confirm a logout started from a page without its own form
    if page.get_by_role("button", name="Sign Out").count():
        page.get_by_role("button", name="Sign Out").click()
    assert page.get_by_role("link", name="Log in").is_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("bea@example.com")
    page.get_by_label("Password").fill("copper-Meadow-81")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name=re.compile("Bea Browser")).is_visible()

    page.get_by_role("button", name="Language").click() if page.get_by_role(
        "button", name="Language"
    ).count() else page.get_by_role("link", name="Language").click()
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r".*/es/.*"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("button", name="Cerrar sesión").is_visible()


def test_wrong_password_shows_a_message(page, live_url, user_factory):
    user_factory(email="kim@example.com", password="a-Strong-pass-2026")
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill("kim@example.com")
    page.get_by_label("Password").fill("nope")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("not correct").is_visible()
