"""An editor designs a certificate in the Wagtail editor: the live preview shows the change,
and a broken layout is refused with a clear message before anything is saved."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import EDITORS
from certificates.models import CertificateTemplate
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


def test_editor_previews_a_design_and_is_told_what_is_wrong(page, live_url):
    editor = factories.UserFactory(email="designer@example.org", password=PASSWORD, groups=[EDITORS])
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    classic = CertificateTemplate.objects.get(name="Classic")
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    page.goto(f"{live_url}/admin/snippets/certificates/certificatetemplate/edit/{classic.pk}/")
    page.locator("#id_heading").fill("Diploma of excellence")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_text("Diploma of excellence")).to_be_visible(timeout=30000)
    expect(preview.get_by_text("Ana María Quintero")).to_be_visible()
    # The design's own style applies (the site's CSP once dropped it: an unstyled preview),
    # and the sheet is scaled down to the panel's width, whole.
    heading = preview.get_by_role("heading", name="Diploma of excellence")
    assert heading.evaluate("h => getComputedStyle(h).fontVariantCaps") == "small-caps"
    frame = page.locator("#w-preview-iframe").bounding_box()
    sheet = preview.locator(".frame").bounding_box()
    assert sheet["x"] + sheet["width"] <= frame["x"] + frame["width"]

    page.locator("#id_layout").fill("<div><p>{{ holder_nme }}</div>")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile(r"Unknown placeholder: \{\{ holder_nme \}\}"))).to_be_visible()
    classic.refresh_from_db()
    assert "holder_nme" not in classic.layout
    assert classic.latest_revision is None  # nothing was saved
