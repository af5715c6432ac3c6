import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10240 bytes


@pytest.fixture
def media_in(paid_course):
    """A video in the free preview and another in a paid resource of ``paid_course``."""
    preview, paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[:2]
    free_item = factories.CourseMediaFactory(file=ContentFile(CONTENT, name="free.mp4"))
    paid_item = factories.CourseMediaFactory(file=ContentFile(CONTENT, name="paid.mp4"))
    track = factories.CaptionTrackFactory()
    preview.body = [("video", {"video": free_item, "captions": [track]})]
    factories.publish(preview)
    paid.body = [("video", {"video": paid_item, "captions": []})]
    factories.publish(paid)
    return {"free": free_item, "paid": paid_item, "track": track}


def test_free_preview_video_is_served_whole_with_accept_ranges(client, media_in):
    response = client.get(media_in["free"].url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(CONTENT))
    assert "private" in response["Cache-Control"]


def test_a_range_request_gets_206_with_the_right_bytes(client, media_in):
    response = client.get(media_in["free"].url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(CONTENT)}"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == CONTENT[100:200]


def test_open_ended_and_suffix_ranges(client, media_in):
    tail = client.get(media_in["free"].url, HTTP_RANGE="bytes=10000-")
    assert tail["Content-Range"] == f"bytes 10000-10239/{len(CONTENT)}"
    assert b"".join(tail.streaming_content) == CONTENT[10000:]
    suffix = client.get(media_in["free"].url, HTTP_RANGE="bytes=-40")
    assert b"".join(suffix.streaming_content) == CONTENT[-40:]


def test_an_unsatisfiable_range_gets_416(client, media_in):
    response = client.get(media_in["free"].url, HTTP_RANGE="bytes=99999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


def test_a_malformed_range_is_ignored(client, media_in):
    response = client.get(media_in["free"].url, HTTP_RANGE="bytes=abc")
    assert response.status_code == 200


def test_a_range_with_thousands_of_digits_is_ignored(client, media_in):
    response = client.get(media_in["free"].url, HTTP_RANGE="bytes=" + "9" * 4400 + "-")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(CONTENT))
    assert client.get(media_in["free"].url, HTTP_RANGE="bytes=0-" + "1" * 4400).status_code == 200


def test_head_gives_the_size_without_a_body(client, media_in):
    response = client.head(media_in["free"].url)
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(CONTENT))
    assert response.content == b""


def test_paid_video_is_refused_to_anonymous_visitors_and_students(client, media_in, student):
    assert client.get(media_in["paid"].url).status_code == 403
    assert client.get(media_in["paid"].url, HTTP_RANGE="bytes=0-10").status_code == 403
    client.force_login(student)
    assert client.get(media_in["paid"].url).status_code == 403


def test_the_course_instructor_gets_the_paid_video(client, media_in, teacher):
    client.force_login(teacher)
    assert client.get(media_in["paid"].url).status_code == 200


def test_captions_of_a_free_preview_are_served_as_vtt(client, media_in):
    response = client.get(media_in["track"].url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")


def test_unknown_media_id_or_filename_is_404(client, media_in):
    assert client.get("/media-files/999999/x.mp4").status_code == 404
    assert client.get(f"/media-files/{media_in['free'].pk}/other.mp4").status_code == 404
    assert client.get("/media-files/captions/999999/x.vtt").status_code == 404


def test_media_used_by_no_published_page_is_404_for_visitors(client):
    item = factories.CourseMediaFactory()
    assert client.get(item.url).status_code == 404


def test_accel_redirect_hands_the_file_to_the_web_server(client, media_in, settings):
    settings.AULA_MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    response = client.get(media_in["free"].url, HTTP_RANGE="bytes=0-10")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{media_in['free'].file.name}"
    assert response.content == b""


def test_raw_media_url_of_course_files_is_not_served(client, media_in, settings):
    assert settings.DEBUG is False
    assert client.get("/media/" + media_in["free"].file.name).status_code == 404


def test_course_documents_follow_the_access_rule(client, paid_course, student):
    Document = get_document_model()
    free_doc = Document.objects.create(title="Free", file=ContentFile(factories.PDF_BYTES, name="free.pdf"))
    paid_doc = Document.objects.create(title="Paid", file=ContentFile(factories.PDF_BYTES, name="paid.pdf"))
    preview, paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[:2]
    preview.body = [("pdf", {"title": "", "document": free_doc})]
    factories.publish(preview)
    paid.body = [("file", {"document": paid_doc, "label": "", "description": ""})]
    factories.publish(paid)

    assert client.get(free_doc.url).status_code == 200
    refused = client.get(paid_doc.url)
    assert refused.status_code == 403
    assert "Log in or buy" in refused.content.decode()
    client.force_login(student)
    assert client.get(paid_doc.url).status_code == 403


def test_a_document_no_course_uses_is_served_as_usual(client):
    document = get_document_model().objects.create(title="Terms", file=ContentFile(b"%PDF-1.4\n", name="terms.pdf"))
    assert client.get(document.url).status_code == 200


def test_course_documents_are_private_and_support_ranges(client, paid_course):
    document = get_document_model().objects.create(
        title="Free", file=ContentFile(factories.PDF_BYTES, name="notes.pdf")
    )
    preview = ResourcePage.objects.descendant_of(paid_course).order_by("path").first()
    preview.body = [("pdf", {"title": "", "document": document})]
    factories.publish(preview)
    response = client.get(document.url, HTTP_RANGE="bytes=0-4")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == b"%PDF-"
    assert "private" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"


def test_course_documents_are_handed_to_the_web_server_after_the_access_rule(client, paid_course, settings):
    settings.AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-site-media/"
    free_doc, paid_doc = (
        get_document_model().objects.create(title=name, file=ContentFile(factories.PDF_BYTES, name=f"{name}.pdf"))
        for name in ("free", "paid")
    )
    preview, paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[:2]
    preview.body = [("pdf", {"title": "", "document": free_doc})]
    factories.publish(preview)
    paid.body = [("file", {"document": paid_doc, "label": "", "description": ""})]
    factories.publish(paid)

    response = client.get(free_doc.url)
    assert response["X-Accel-Redirect"] == f"/protected-site-media/{free_doc.file.name}"
    assert response.content == b""
    assert "private" in response["Cache-Control"]
    refused = client.get(paid_doc.url)
    assert refused.status_code == 403
    assert "X-Accel-Redirect" not in refused
