"""The grade is the holder's to show: the PDF prints it only when they chose to show it,
as the verification page does (read back from the PDF with pdftotext)."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from ..models import Certificate
from .factories import certificate_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed"),
]


@pytest.fixture
def graded(completed, free_course):
    certificate = certificate_of(completed, free_course)
    Certificate.objects.filter(pk=certificate.pk).update(grade="87.5")
    return certificate


def pdf_text(client, certificate, tmp_path):
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    assert response.status_code == 200
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def set_visibility(client, certificate, show):
    url = reverse("certificates:grade_visibility", args=[certificate.display_code])
    return client.post(url, {"show_grade": "1" if show else "0"}, follow=True)


def test_a_private_grade_is_not_printed_on_the_pdf(client, graded, tmp_path):
    client.force_login(graded.user)
    text = pdf_text(client, graded, tmp_path)
    assert graded.holder_name in text  # the PDF was read
    assert "87.5" not in text
    assert "Grade" not in text


def test_a_shown_grade_is_printed_and_hiding_it_again_renders_it_away(client, graded, tmp_path):
    client.force_login(graded.user)
    pdf_text(client, graded, tmp_path)  # the private version is stored first
    page = set_visibility(client, graded, show=True).content.decode()
    assert "Your grade is shown on your certificate" in page
    assert "87.5 %" in pdf_text(client, graded, tmp_path)
    set_visibility(client, graded, show=False)
    assert "87.5" not in pdf_text(client, graded, tmp_path)


def test_the_holders_page_says_the_grade_is_private_everywhere(client, graded):
    client.force_login(graded.user)
    html = client.get(graded.get_absolute_url()).content.decode()
    assert "Your grade is private: it is not on your certificate, its PDF or its verification page." in html


def test_an_odd_visibility_value_keeps_the_grade_private(client, graded, tmp_path):
    client.force_login(graded.user)
    url = reverse("certificates:grade_visibility", args=[graded.display_code])
    response = client.post(url, {"show_grade": "<script>yes</script>"})
    assert response.status_code == 302
    graded.refresh_from_db()
    assert not graded.show_grade
    assert "87.5" not in pdf_text(client, graded, tmp_path)
