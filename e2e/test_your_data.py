"""A learner exports their data and deletes their account in a real browser: the "Your
data" page and the deletion form are axe-clean and fit a phone (no sideways scroll); the
e-mailed link downloads the zip; after deletion the account cannot log in."""

import io
import os
import re
import zipfile

import pytest

from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("AULA_E2E_SCREENSHOTS", "")


def look(page, name):
    """Axe-clean, no sideways scroll at 1280 and 390 px (screenshots when asked for)."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, width)
        assert serious_violations(page) == [], (name, width)
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, live_url, email, password):
    page.goto(live_url + "/en/accounts/login/", timeout=60000)  # a loaded machine answers slowly at first
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_a_learner_exports_their_data_then_deletes_their_account(page, live_url, user_factory, mailoutbox):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    user_factory(email="zoe@example.com", password="a-Strong-pass-2026", display_name="Zoe Export")
    log_in(page, live_url, "zoe@example.com", "a-Strong-pass-2026")

    page.goto(live_url + "/en/accounts/profile/")
    page.get_by_role("link", name="Your data: download it or delete your account").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your data", level=1).is_visible()
    look(page, "your-data")

    page.get_by_role("button", name="Prepare my data").click()
    page.wait_for_load_state()
    assert page.get_by_text("We are preparing your data").is_visible()
    (message,) = [mail for mail in mailoutbox if "ready" in mail.subject]
    path = re.search(r"https?://[^/\s]+(/\S+/profile/data/export/\S+/)", message.body).group(1)
    download = page.request.get(live_url + path)
    assert download.status == 200
    archive = zipfile.ZipFile(io.BytesIO(download.body()))
    assert "zoe@example.com" in archive.read("personal-data.json").decode()

    page.get_by_role("button", name="Prepare my data").click()  # again, at once: limited
    page.wait_for_load_state()
    assert page.get_by_text("You asked for your data recently").is_visible()

    page.get_by_role("link", name="Delete my account…").click()
    page.wait_for_load_state()
    look(page, "delete-account")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_label(re.compile("Revoke them")).check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("password", re.I)).first.is_visible()
    look(page, "delete-account-error")

    page.get_by_label("Password").fill("a-Strong-pass-2026")
    page.get_by_label(re.compile("Revoke them")).check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your account has been deleted").is_visible()
    assert page.get_by_role("link", name="Log in").is_visible()

    log_in(page, live_url, "zoe@example.com", "a-Strong-pass-2026")
    assert page.get_by_text("not correct").is_visible()
    assert errors == []


def test_an_administrator_deletes_an_account_on_request(page, live_url, user_factory):
    user_factory(email="head@example.org", password="a-Strong-pass-2026", is_superuser=True, is_staff=True)
    learner = user_factory(email="leo@example.com", display_name="Leo Leaving")
    log_in(page, live_url, "head@example.org", "a-Strong-pass-2026")
    page.goto(live_url + f"/admin/users/{learner.pk}/learner/")
    page.get_by_role("link", name="Delete the account…").click()
    page.wait_for_load_state()
    assert page.get_by_text("cannot be undone").first.is_visible()
    page.get_by_role("button", name="Delete the account").click()  # nothing ticked: refused
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    look(page, "admin-delete-account")
    page.get_by_label(re.compile("Keep them verifiable")).check()
    page.get_by_label(re.compile("The holder asked")).check()
    page.get_by_role("button", name="Delete the account").click()
    page.wait_for_load_state()
    assert page.get_by_text("The account of Leo Leaving is deleted.").is_visible()
    assert page.get_by_text("This account was deleted on").is_visible()
