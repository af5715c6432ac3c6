"""PDF rendering: only the site's own files reach WeasyPrint; the PDF carries the holder's
name and a QR code of the verification address; a changed template renders again."""

import shutil
import socket
import subprocess

import pytest
from django.core.files.base import ContentFile

from ..models import CertificateTemplate
from ..pdf import RefusedResource, SiteFilesFetcher
from ..rendering import render_pdf, sample_values
from ..tasks import ensure_pdf
from .factories import certificate_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("a certificate tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def pdf_text(data, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def design(layout, css=""):
    template = CertificateTemplate.objects.get(name="Classic")
    template.layout, template.css = layout, css
    return template


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://testserver/../../etc/passwd",
        "http://testserver/static/../../../../etc/passwd",
        "http://testserver/media/../../etc/passwd",
        "http://testserver/media/documents/secret.pdf",  # documents go through the access rule
        "http://testserver/media-files/1/",
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.com/a.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_sites_files(url, no_network):
    with pytest.raises(RefusedResource):
        SiteFilesFetcher().fetch(url)
    assert no_network == []


def test_the_fetcher_reads_the_sites_static_files():
    response = SiteFilesFetcher().fetch("http://testserver/static/certificates/certificates.css")
    assert b".certificates-narrow" in response.read()


def test_a_template_cannot_embed_a_local_file(tmp_path, no_network):
    """Validation refuses file:// in the editor; even a template that bypasses it (written
    straight to the database) cannot pull a local file into the PDF."""
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "TOP-SECRET-CONTENT"; }')
    template = design(
        "<p>{{ holder_name }}</p><object data='file:///etc/passwd'></object><img src='file:///etc/passwd'>",
        css=f"@import url('file://{secret}'); @import url('https://example.com/x.css');",
    )
    text = pdf_text(render_pdf(template, sample_values(template)), tmp_path)
    assert "Ana María Quintero" in text
    assert "TOP-SECRET-CONTENT" not in text
    assert "root:" not in text
    assert no_network == []


def test_the_same_template_with_the_default_fetcher_would_leak(tmp_path):
    """Proof that the test above can fail: WeasyPrint's own fetcher embeds the file."""
    from weasyprint import HTML

    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "TOP-SECRET-CONTENT"; }')
    data = HTML(string=f"<style>@import url('file://{secret}');</style><p>x</p>").write_pdf()
    assert "TOP-SECRET-CONTENT" in pdf_text(data, tmp_path)


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler-utils, zbar-tools")
def test_the_pdf_shows_the_name_and_its_qr_code_opens_the_verification_page(completed, free_course, tmp_path):
    certificate = certificate_of(completed, free_course)
    data = certificate.pdf.read()
    assert completed.get_display_name() in pdf_text(data, tmp_path)
    (tmp_path / "c.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "c")],
                   check=True)  # fmt: skip
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "c.png")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == certificate.verification_url()
    assert decoded == f"http://testserver/certificates/verify/{certificate.display_code}/"


def test_publishing_its_template_renders_the_certificate_again(completed, free_course, tmp_path):
    certificate = certificate_of(completed, free_course)
    before = certificate.pdf_signature
    template = certificate.template
    template.heading = "Diploma of mastery"
    template.save_revision().publish()
    certificate.refresh_from_db()
    assert certificate.pdf_signature != before
    assert "Diploma of mastery" in pdf_text(certificate.pdf.read(), tmp_path)


def test_a_missing_pdf_file_is_rendered_again_on_demand(completed, free_course):
    certificate = certificate_of(completed, free_course)
    certificate.pdf.storage.delete(certificate.pdf.name)
    assert ensure_pdf(certificate).read().startswith(b"%PDF")


def test_the_pdf_is_stored_privately(completed, free_course, settings):
    certificate = certificate_of(completed, free_course)
    assert certificate.pdf.url == ""  # no public address
    assert not certificate.pdf.path.startswith(str(settings.MEDIA_ROOT).rstrip("/") + "/")


def test_a_signature_image_comes_from_public_media(tmp_path):
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    picture = tmp_path / "sig.png"
    PILImage.new("RGB", (200, 80), "navy").save(picture)
    image = Image(title="Signature", file=ContentFile(picture.read_bytes(), name="sig.png"), width=200, height=80)
    image.save()
    template = CertificateTemplate.objects.get(name="Classic")
    template.signature_image, template.signatory_name = image, "Dana Director"
    requested = []

    class Recording(SiteFilesFetcher):
        def fetch(self, url, headers=None):
            requested.append(url)
            return super().fetch(url, headers)

    from weasyprint import HTML

    from ..rendering import render_html

    HTML(string=render_html(template, sample_values(template)), base_url="http://testserver/",
         url_fetcher=Recording()).write_pdf()  # fmt: skip
    image_urls = [url for url in requested if "/media/images/" in url]
    assert image_urls and SiteFilesFetcher().fetch(image_urls[0]).read().startswith(b"\x89PNG")


LONG_NAME = (
    "Maximiliano Alejandro Bartholomew de la Santísima Trinidad Fernández-Villaverde y Montenegro-Featherstonehaugh"
)
LONG_TITLE = (
    "Advanced statistical modelling with Python, R and Julia for data scientists working in public health, "
    "epidemiology and the social sciences: a complete, hands-on programme covering regression, survival analysis "
    "and Bayesian hierarchical models"
)
MANY_INSTRUCTORS = ["Iris Instructor", "Noor Haddad", "Dr. Bartholomew Featherstonehaugh-Cholmondeley",
                    "Ana Quintero", "Jean-Baptiste Poquelin", "Ødegård Søren"]  # fmt: skip


def laid_out(template, values):
    """The text and image boxes of the one page ``template`` makes, as rectangles
    (x0, y0, x1, y1), and the page's size."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from ..rendering import render_html

    document = HTML(string=render_html(template, values), base_url="http://testserver/",
                    url_fetcher=SiteFilesFetcher()).render()  # fmt: skip
    assert len(document.pages) == 1
    page = document.pages[0]
    texts, images = [], []

    def walk(box):
        if isinstance(box, boxes.TextBox) and box.text.strip():
            texts.append((box.text, (box.position_x, box.position_y, box.position_x + box.width,
                                     box.position_y + box.height)))  # fmt: skip
        elif isinstance(box, boxes.ReplacedBox):
            x, y = box.border_box_x(), box.border_box_y()
            images.append((x, y, x + box.border_width(), y + box.border_height()))
        for child in getattr(box, "children", []):
            walk(child)

    walk(page._page_box)
    return texts, images, (page.width, page.height)


def overlap(a, b, tolerance=0.5):
    return a[0] < b[2] - tolerance and b[0] < a[2] - tolerance and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance


@pytest.mark.parametrize("name", ["Classic", "Modern", "Minimal"])
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_long_names_titles_and_instructor_lists_stay_on_the_page_and_clear_of_the_qr_code(name, language):
    from datetime import UTC, datetime
    from decimal import Decimal

    from ..rendering import base_values

    template = CertificateTemplate.objects.get(name=name)
    values = base_values(
        holder_name=LONG_NAME, title=LONG_TITLE, completed_at=datetime(2026, 9, 30, tzinfo=UTC),
        issued_at=datetime(2026, 9, 30, tzinfo=UTC), grade=Decimal("97.5"), hours=Decimal("120"),
        instructors=MANY_INSTRUCTORS, code="7KQ3M9XD2HFAR0TB",
        url="http://testserver/certificates/verify/7KQ3-M9XD-2HFA-R0TB/", language=language,
    )  # fmt: skip
    texts, images, (width, height) = laid_out(template, values)
    assert images  # the QR code
    for text, box in texts:
        inside = box[0] >= -0.5 and box[1] >= -0.5 and box[2] <= width + 0.5 and box[3] <= height + 0.5
        assert inside, f"{text!r} leaves the page"
        assert not any(overlap(box, image) for image in images), f"{text!r} runs into the QR code"
    for i, (text, box) in enumerate(texts):
        for other, other_box in texts[i + 1 :]:
            assert not overlap(box, other_box, tolerance=1), f"{text!r} overlaps {other!r}"


def test_a_spanish_certificate_writes_its_date_and_labels_in_spanish(tmp_path):
    from datetime import UTC, datetime
    from decimal import Decimal

    from ..rendering import base_values

    template = CertificateTemplate.objects.get(name="Modern")
    values = base_values(
        holder_name="José Ángel Núñez", title="Introducción al análisis de datos",
        completed_at=datetime(2026, 8, 14, 12, tzinfo=UTC), issued_at=datetime(2026, 8, 14, 12, tzinfo=UTC),
        grade=None, hours=Decimal("12.5"), instructors=["Íñigo Martínez"], code="7KQ3M9XD2HFAR0TB",
        url="http://testserver/certificates/verify/7KQ3-M9XD-2HFA-R0TB/", language="es",
    )  # fmt: skip
    text = pdf_text(render_pdf(template, values, language="es"), tmp_path)
    assert "14 de agosto de 2026" in text
    # The duration as the course page says it (courses/duration.py), not hours to the tenth.
    assert "12 h 30 min" in text and "José Ángel Núñez" in text and "Íñigo Martínez" in text
    squeezed = text.replace(" ", "").upper()  # the design spaces its labels' letters out
    assert "DURACIÓN" in squeezed
    # Without graded work the grade's label goes too (no "Grade" over an empty value).
    assert "GRADE" not in squeezed and "CALIFICA" not in squeezed
