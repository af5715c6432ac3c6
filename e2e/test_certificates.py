"""Completing the demo free course in Chromium produces a certificate: its PDF (rendered to
PNG by pdftoppm) carries the holder's name (pdftotext), its QR code decodes (zbarimg) to
the verification page, and that page shows exactly the right facts."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Locale

from certificates.models import Certificate
from courses.blocks import CompletionMode
from courses.learning.progress import _record_completion
from courses.models import CoursePage, ResourcePage
from e2e.axe import serious_violations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("ffmpeg", "pdftoppm", "pdftotext", "zbarimg")),
        reason="the demo needs ffmpeg; the checks need poppler-utils and zbar-tools",
    ),
]

STUDENT, PASSWORD = "student@aula.test", "aula-demo-2026"


@pytest.fixture
def demo(settings, live_url, tmp_path):
    """The demo site, printing the live server's address on its certificates; the demo
    student has done everything in the free course but its last reading."""
    settings.SITE_URL = live_url
    settings.AULA_CERTIFICATE_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    call_command("seed_demo", stdout=io.StringIO())
    course = CoursePage.objects.get(slug="python-from-scratch", locale=Locale.get_default())
    from django.contrib.auth import get_user_model

    student = get_user_model().objects.get(email=STUDENT)
    resources = list(ResourcePage.objects.descendant_of(course).live().order_by("path"))
    last = [r for r in resources if r.completion_mode == CompletionMode.BUTTON][-1]
    for resource in resources:
        if resource.pk != last.pk:
            _record_completion(student, resource, course)
    return course, last, student


def test_completing_the_demo_free_course_issues_a_verifiable_certificate(page, live_url, demo, tmp_path):
    course, last, student = demo
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(STUDENT)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))

    page.goto(live_url + last.url)
    page.get_by_role("button", name="Mark as complete").click()
    # Completed without a reload: the completion page offers the certificate.
    page.get_by_role("link", name=re.compile("You completed the course")).click()
    expect(page.get_by_role("heading", name="Congratulations!", level=1)).to_be_visible()
    certificate = Certificate.objects.get(user=student, course_key=course.translation_key)

    page.get_by_role("link", name="View your certificate").click()
    expect(page.get_by_role("heading", name=course.title, level=1)).to_be_visible()
    assert serious_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sam Student" in text
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == f"{live_url}/certificates/verify/{certificate.display_code}/"

    visitor = page.context.browser.new_context(locale="en-US")
    public = visitor.new_page()
    public.goto(decoded)
    expect(public.get_by_role("heading", name="Certificate verification")).to_be_visible()
    expect(public.locator("[data-aula-status]")).to_have_attribute("data-aula-status", "valid")
    expect(public.locator('[data-aula-fact="holder"]')).to_have_text("Sam Student")
    expect(public.locator('[data-aula-fact="title"]')).to_have_text(course.title)
    expect(public.locator('[data-aula-fact="code"]')).to_have_text(certificate.display_code)
    assert STUDENT not in public.content()
    assert public.locator('[data-aula-fact="grade"]').count() == 0
    assert serious_violations(public) == []
    visitor.close()
