"""A full disk during an upload: the editor reads why, and nothing is left behind (no row,
no partial file keeping the disk full).

Each kind of upload is sent through its admin view to a storage that fails the way a full
disk does: part of the file is written, then the write raises ENOSPC. The failing storage
is the storage the field really uses, with only that write replaced, so the test holds
what production does with the disk."""

import errno
import io
import os
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import LazyObject
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import CaptionTrack, CourseMedia
from courses.storage import PrivateMediaStorage, private_media_root

from . import factories

pytestmark = pytest.mark.django_db

FULL_DISK_MESSAGE = "the server&#x27;s disk is full"


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, "PNG")
    return out.getvalue()


class FullDiskMixin:
    """Writes the first bytes of the file, then fails as a full disk does."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "xb") as partial:
            partial.write(next(iter(content.chunks()))[:16])
        raise OSError(errno.ENOSPC, "No space left on device", path)


def with_full_disk(monkeypatch, model):
    field = model._meta.get_field("file")
    storage = field.storage
    if isinstance(storage, LazyObject):  # default_storage
        storage = storages["default"]
    elif isinstance(storage, PrivateMediaStorage):  # whichever STORAGES["private"] is
        storage = storage.backend
    full = type("FullDisk", (FullDiskMixin, type(storage)), {})()
    monkeypatch.setattr(field, "storage", full)
    return full


def files_under(*roots):
    return sorted(str(p) for root in roots if Path(root).exists() for p in Path(root).rglob("*") if p.is_file())


@pytest.fixture
def uploader(client, teacher, paid_course):
    client.force_login(teacher)
    return client


def upload(client, kind, collection_id):
    if kind == "document":
        data = {"title": "Handout", "file": SimpleUploadedFile("handout.pdf", factories.PDF_BYTES)}
        url = "/admin/documents/add/"
    elif kind == "image":
        data = {"title": "Diagram", "file": SimpleUploadedFile("diagram.png", png_bytes())}
        url = "/admin/images/add/"
    elif kind == "media":
        data = {"title": "Lesson", "file": SimpleUploadedFile("clip.mp4", factories.MP4_BYTES)}
        url = "/admin/media/video/add/"
    else:
        data = {"title": "Captions", "language": "en", "label": "English"}
        data["file"] = SimpleUploadedFile("captions.vtt", factories.VTT_TEXT.encode())
        url = "/admin/snippets/courses/captiontrack/add/"
    return client.post(url, {**data, "collection": collection_id}, HTTP_REFERER=f"http://testserver{url}")


MODELS = {
    "document": get_document_model,
    "image": get_image_model,
    "media": lambda: CourseMedia,
    "captions": lambda: CaptionTrack,
}


@pytest.mark.parametrize("kind", list(MODELS))
def test_an_upload_on_a_full_disk_is_refused_with_a_message_and_leaves_nothing(
    uploader, paid_course, settings, monkeypatch, kind
):
    model = MODELS[kind]()
    with_full_disk(monkeypatch, model)
    before = files_under(settings.MEDIA_ROOT, private_media_root())

    response = upload(uploader, kind, paid_course.collection_id)

    assert response.status_code == 302
    assert not model.objects.exists()
    assert files_under(settings.MEDIA_ROOT, private_media_root()) == before
    page = uploader.get(response["Location"])
    assert FULL_DISK_MESSAGE in page.content.decode()


def test_a_multiple_upload_on_a_full_disk_answers_the_uploader_with_the_reason(
    uploader, paid_course, settings, monkeypatch
):
    """The multiple uploader (documents and images) posts each file on its own and shows
    the ``error_message`` of a refused one beside it."""
    with_full_disk(monkeypatch, get_document_model())
    response = uploader.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("handout.pdf", factories.PDF_BYTES), "collection": paid_course.collection_id},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        HTTP_ACCEPT="application/json, text/javascript, */*; q=0.01",
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "the server's disk is full" in answer["error_message"]
    assert not get_document_model().objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_an_upload_that_fits_is_stored_as_before(uploader, paid_course):
    """The storage that cleans up after a failed write writes a good file unchanged."""
    response = upload(uploader, "document", paid_course.collection_id)
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.file.read() == factories.PDF_BYTES
