"""Uploaded files in S3-compatible object storage (``MEDIA_STORAGE=s3``), against a local S3
server (moto's, in this process, on 127.0.0.1 and an ephemeral port: no network).

The storages are built from the environment by the same function the settings use
(lms_site/settings/object_storage.py). Private files reach the browser only as redirects to
short-lived signed URLs, after the access rule; the tests follow those URLs to the server.
"""

# ruff: noqa: F811 (the courses fixtures imported below are named as parameters)

import json
import uuid
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import Request, urlopen

import boto3
import environ
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from certificates.tests.factories import certificate_of, complete_course
from courses.learning.enrollment import enroll
from courses.models import CaptionTrack, CourseMedia, ResourcePage
from courses.tests import factories
from courses.tests.conftest import catalog, free_course, paid_course, student, teacher  # noqa: F401
from lms_site.settings.object_storage import object_storages

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10240 bytes


def public_images_policy(bucket):
    """The public bucket's policy, as docs/operators/storage.md gives it."""
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "PublicImagesOnly",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [f"arn:aws:s3:::{bucket}/original_images/*", f"arn:aws:s3:::{bucket}/images/*"],
        }],
    }  # fmt: skip


def plain_url(buckets, which, key):
    """The unsigned address of ``key``: what anybody could try."""
    return f"{buckets['endpoint']}/{buckets[which]}/{key}"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def buckets(s3_endpoint, settings, monkeypatch):
    """Fresh public and private buckets, and the settings of ``MEDIA_STORAGE=s3`` for them."""
    names = {"public": f"aula-{uuid.uuid4().hex[:12]}", "private": f"aula-private-{uuid.uuid4().hex[:12]}"}
    environment = {
        "S3_BUCKET": names["public"],
        "S3_PRIVATE_BUCKET": names["private"],
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "test-key",
        "S3_SECRET_ACCESS_KEY": "test-secret",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
        aws_access_key_id="test-key", aws_secret_access_key="test-secret",
    )  # fmt: skip
    for name in names.values():
        client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=names["public"], Policy=json.dumps(public_images_policy(names["public"])))
    storages, _origins = object_storages(environ.Env())
    settings.STORAGES = {**settings.STORAGES, **storages}
    settings.AULA_SIGNED_URL_SECONDS = 300
    settings.SITE_URL = "http://testserver"
    names["client"], names["endpoint"] = client, s3_endpoint
    return names


def keys(buckets, which):
    listing = buckets["client"].list_objects_v2(Bucket=buckets[which])
    return [item["Key"] for item in listing.get("Contents", [])]


def fetch(url, range_header=None):
    """Follow a URL the site gave to the S3 server: (status, headers, body)."""
    request = Request(url, headers={"Range": range_header} if range_header else {})
    try:
        with urlopen(request, timeout=10) as answer:  # noqa: S310 (a local http:// server)
            return answer.status, answer.headers, answer.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def signed_location(response, buckets, which="private"):
    """The signed URL a redirect points to, checked to be one of ``which`` bucket."""
    assert response.status_code == 302
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    location = response["Location"]
    parts = urlsplit(location)
    assert parts.path.startswith(f"/{buckets[which]}/")
    query = parse_qs(parts.query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    return location


@pytest.fixture
def paid_video(buckets, client, teacher, paid_course):
    """A video the instructor uploaded in the admin, used in a paid resource of the course."""
    client.force_login(teacher)
    response = client.post(
        "/admin/media/video/add/",
        {
            "title": "Lecture",
            "file": SimpleUploadedFile("lecture.mp4", factories.mp4_bytes(seconds=42) + CONTENT),
            "collection": paid_course.collection_id,
            "duration": "1",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    item = CourseMedia.objects.get(title="Lecture")
    track = factories.CaptionTrackFactory()
    paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    assert not paid.free_preview
    paid.body = [("video", {"video": item, "captions": [track]})]
    factories.publish(paid)
    return item


def test_an_uploaded_video_is_stored_in_the_private_bucket_only(paid_video, buckets):
    track = CaptionTrack.objects.get()
    assert sorted(keys(buckets, "private")) == sorted([f"private/{paid_video.file.name}", f"private/{track.file.name}"])
    assert keys(buckets, "public") == []
    assert paid_video.duration == 42  # measured on upload, before it went to the bucket


def test_an_enrolled_student_seeks_in_the_video_through_a_signed_url(paid_video, buckets, client, student, paid_course):
    enroll(student, paid_course, "admin")
    client.force_login(student)
    response = client.get(paid_video.url)
    location = signed_location(response, buckets)
    status, headers, body = fetch(location, "bytes=100-199")
    assert status == 206
    assert body == paid_video.file.open("rb").read()[100:200]
    assert fetch(plain_url(buckets, "private", f"private/{paid_video.file.name}"))[0] == 403
    assert headers["Content-Type"] == "video/mp4"
    assert headers["Content-Disposition"] == 'inline; filename="lecture.mp4"'
    assert headers["Cache-Control"] == "private, max-age=300"


def test_anonymous_visitors_and_unpaid_students_get_no_url(paid_video, client, student):
    anonymous = client.get(paid_video.url)
    assert anonymous.status_code == 403 and not anonymous.has_header("Location")
    client.force_login(student)
    unpaid = client.get(paid_video.url)
    assert unpaid.status_code == 403 and not unpaid.has_header("Location")


def test_captions_come_from_the_sites_own_origin(paid_video, client, student, paid_course):
    track = CaptionTrack.objects.get()
    assert client.get(track.url).status_code == 403
    enroll(student, paid_course, "admin")
    client.force_login(student)
    response = client.get(track.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == track.file.open("rb").read()
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    partial = client.get(track.url, HTTP_RANGE="bytes=0-5")
    assert partial.status_code == 206 and b"".join(partial.streaming_content) == b"WEBVTT"


def test_duration_is_measured_from_the_file_in_the_bucket(buckets):
    item = CourseMedia.objects.create(
        title="Made by code", type="video", duration=7, file=ContentFile(factories.mp4_bytes(seconds=75), name="c.mp4")
    )
    assert f"private/{item.file.name}" in keys(buckets, "private")
    stored = CourseMedia.objects.get(pk=item.pk)
    stored.duration = 0
    stored.save()  # nothing in memory: read again from the stored file
    assert stored.duration == 75


def test_a_course_document_is_served_by_signed_url_to_those_allowed_only(buckets, client, student, paid_course):
    document = get_document_model().objects.create(
        title="Handout",
        file=ContentFile(b"%PDF-1.4 handout", name="handout.pdf"),
        collection_id=paid_course.collection_id,
    )
    paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    paid.body = [("pdf", {"document": document, "title": "Handout"})]
    factories.publish(paid)
    assert f"documents/{document.filename}" in keys(buckets, "public")  # no public policy covers documents/
    assert client.get(document.url).status_code == 403
    enroll(student, paid_course, "admin")
    client.force_login(student)
    status, headers, body = fetch(signed_location(client.get(document.url), buckets, "public"))
    assert (status, body) == (200, b"%PDF-1.4 handout")
    assert headers["Content-Type"] == "application/pdf"
    assert fetch(plain_url(buckets, "public", f"documents/{document.filename}"))[0] == 403


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_a_certificate_pdf_made_by_the_worker_is_downloadable_by_its_holder_only(
    buckets, client, student, free_course, user_factory, on_commit
):
    with on_commit(execute=True):
        complete_course(student, free_course)  # the queue runs the PDF task (synchronously in tests)
    certificate = certificate_of(student, free_course)
    assert certificate.pdf.name and f"private/{certificate.pdf.name}" in keys(buckets, "private")
    url = reverse("certificates:pdf", args=[certificate.display_code])
    client.force_login(user_factory(email="someone@example.com"))
    assert client.get(url).status_code in (403, 404)
    client.force_login(student)
    status, headers, body = fetch(signed_location(client.get(url), buckets))
    assert status == 200 and body.startswith(b"%PDF")
    assert headers["Content-Type"] == "application/pdf"


def test_an_invoice_pdf_is_kept_in_the_private_bucket(
    buckets, client, settings, user_factory, django_capture_on_commit_callbacks
):
    from commerce.models import Invoice
    from commerce.tests import factories as shop
    from commerce.tests.helpers import check_out, dev_pay

    settings.AULA_CURRENCY, settings.AULA_DEV_PAYMENTS = "USD", True
    client.force_login(shop.buyer())
    _response, order = check_out(client, shop.paid_course("Data course", "49.00"))
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(client, order)
    invoice = Invoice.objects.get(order=order)
    url = reverse("commerce:invoice_pdf", args=[order.pk, invoice.number])
    status, _headers, body = fetch(signed_location(client.get(url), buckets))
    assert status == 200 and body.startswith(b"%PDF")
    invoice.refresh_from_db()
    assert f"private/{invoice.pdf.name}" in keys(buckets, "private")
    client.force_login(user_factory(email="other@example.com"))
    assert client.get(url).status_code == 404


def png_bytes():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    return out.getvalue()


def test_a_public_image_rendition_is_a_plain_url_of_the_public_bucket(buckets):
    image = get_image_model().objects.create(title="Banner", file=ContentFile(png_bytes(), name="banner.png"))
    rendition = image.get_rendition("width-20")
    parts = urlsplit(rendition.url)
    assert parts.path == f"/{buckets['public']}/{rendition.file.name}" and not parts.query  # unsigned
    assert rendition.file.name.startswith("images/")
    status, headers, body = fetch(rendition.url)
    assert status == 200 and body.startswith(b"\x89PNG")
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert fetch(plain_url(buckets, "public", image.file.name))[0] == 200  # the original too


def test_a_course_images_rendition_goes_through_the_access_rule(buckets, client, student, paid_course):
    image = get_image_model().objects.create(
        title="Diagram", file=ContentFile(png_bytes(), name="diagram.png"), collection_id=paid_course.collection_id
    )
    rendition = image.get_rendition("width-20")
    assert rendition.file.name.startswith("course_images/")
    assert rendition.url == reverse("courses:image_file", args=(image.pk, rendition.file.name.rsplit("/", 1)[1]))
    paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    paid.body = [("image", {"image": {"image": image, "alt_text": "A diagram", "decorative": False}, "caption": ""})]
    factories.publish(paid)
    assert client.get(rendition.url).status_code == 403
    enroll(student, paid_course, "admin")
    client.force_login(student)
    status, _headers, body = fetch(signed_location(client.get(rendition.url), buckets, "public"))
    assert status == 200 and body.startswith(b"\x89PNG")
    assert fetch(plain_url(buckets, "public", rendition.file.name))[0] == 403


def test_a_certificate_may_show_a_public_image_from_the_bucket(buckets):
    from certificates.pdf import SiteFilesFetcher

    image = get_image_model().objects.create(title="Seal", file=ContentFile(png_bytes(), name="seal.png"))
    url = image.get_rendition("width-20").url
    assert SiteFilesFetcher().fetch(url).read().startswith(b"\x89PNG")
    assert default_storage.exists(image.file.name)


def test_amazon_s3_without_an_endpoint_uses_the_buckets_own_hosts(monkeypatch):
    for name, value in {"S3_BUCKET": "pub", "S3_PRIVATE_BUCKET": "priv", "S3_REGION": "eu-west-1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("S3_PUBLIC_DOMAIN", "media.example.org")
    monkeypatch.delenv("S3_ENDPOINT_URL", raising=False)
    storages, origins = object_storages(environ.Env())
    assert origins == [
        "https://pub.s3.eu-west-1.amazonaws.com", "https://priv.s3.eu-west-1.amazonaws.com", "https://media.example.org",
    ]  # fmt: skip
    assert storages["default"]["OPTIONS"]["addressing_style"] == "virtual"
