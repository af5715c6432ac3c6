"""Course archives through the course builder: who exports and imports, what an import makes,
and every bad archive refused with a clear message, nothing written (courses/archive/)."""

import hashlib
import io
import json
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from accounts.roles import TRANSLATORS
from courses.archive import format as archive_format
from courses.archive.importing import _Importer
from courses.models import CaptionTrack, CourseMedia, CoursePage, CourseSubmission, ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

IMPORT = reverse("course_builder:import")


def export_url(course):
    return reverse("course_builder:export", args=(course.pk,))


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def material_course(paid_course):
    """The paid course with a video (captions, poster), a PDF, an image and an evaluation."""
    collection = paid_course.collection
    video = factories.CourseMediaFactory(collection=collection, title="Intro clip")
    track = factories.CaptionTrackFactory(collection=collection, title="Intro captions")
    document = get_document_model()(title="Handout", collection=collection)
    document.file.save("handout.pdf", ContentFile(factories.PDF_BYTES), save=False)
    document.save()
    image = get_image_model()(title="Chart", collection=collection)
    image.file.save("chart.png", ContentFile(png_bytes()), save=False)
    image.width, image.height = 40, 30
    image.save()
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path").first()
    resource.body = json.dumps([
        {"type": "video", "id": "v1", "value": {"title": "Intro", "video": video.pk, "poster": image.pk,
                                                "captions": [track.pk], "caption_cues": []}},
        {"type": "pdf", "id": "p1", "value": {"title": "Handout", "document": document.pk}},
        {"type": "image", "id": "i1", "value": {"image": {"image": image.pk, "alt_text": "A chart",
                                                          "decorative": False}, "caption": ""}},
        {"type": "rich_text", "id": "r1",
         "value": f'<p>See <a linktype="document" id="{document.pk}">the handout</a>.</p>'},
        {"type": "evaluation", "id": "e1", "value": {
            "title": "Quiz", "instructions": "", "pass_mark": 60, "max_attempts": 3, "time_limit": 0,
            "questions_per_attempt": 0, "shuffle_questions": False, "shuffle_choices": True,
            "show_answers": "after_each_attempt", "available_from": None, "available_until": None,
            "questions": [{"type": "true_false", "id": "q1", "value": {
                "text": "Water is wet.", "points": "1", "explanation": "", "answer": "true"}}]}},
    ])  # fmt: skip
    factories.publish(resource)
    paid_course.cover_image = image
    factories.publish(paid_course)
    return paid_course


def exported(client, course, user):
    client.force_login(user)
    response = client.get(export_url(course))
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


@pytest.fixture
def archive_bytes(client, material_course, teacher):
    data = exported(client, material_course, teacher)
    client.logout()
    return data


def rebuilt(data, change_manifest=None, extra=(), drop=(), replace=None):
    """``data`` (an archive) with its manifest changed, entries added, dropped or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = source.read(info)
            if info.filename == archive_format.MANIFEST and change_manifest:
                manifest = json.loads(content)
                change_manifest(manifest)
                content = json.dumps(manifest).encode()
            if replace and info.filename in replace:
                content = replace[info.filename]
            target.writestr(info.filename, content)
        for item in extra:
            if isinstance(item, zipfile.ZipInfo):
                target.writestr(item, b"target")
            else:
                name, content = item
                target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def stored_files(settings):
    found = set()
    for root in (settings.MEDIA_ROOT, settings.AULA_PRIVATE_MEDIA_ROOT or settings.MEDIA_ROOT + "-private"):
        for folder, _dirs, files in os.walk(root):
            found |= {os.path.join(folder, name) for name in files}
    return found


def counts():
    return {
        "pages": Page.objects.count(),
        "media": CourseMedia.objects.count(),
        "captions": CaptionTrack.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "collections": Collection.objects.count(),
    }


def post_archive(client, data, name="course.zip"):
    return client.post(IMPORT, {"archive": SimpleUploadedFile(name, data, content_type="application/zip")})


# --- who -------------------------------------------------------------------------------------


def test_the_owner_a_teaching_instructor_and_an_administrator_export_the_course(client, material_course, teacher):
    co_teacher = factories.instructor()
    material_course.instructors.add(co_teacher)
    material_course.save()
    admin = factories.UserFactory(is_superuser=True)
    for user in (teacher, co_teacher, admin):
        data = exported(client, material_course, user)
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert archive_format.MANIFEST in names and any(name.endswith("handout.pdf") for name in names)


def test_another_instructor_a_translator_and_a_student_cannot_export(client, material_course, other_teacher, student):
    translator = factories.UserFactory(groups=[TRANSLATORS])
    for user in (other_teacher, translator, student):
        client.force_login(user)
        response = client.get(export_url(material_course))
        assert response.status_code in (302, 403)
        assert not getattr(response, "streaming", False)


def test_anonymous_cannot_export_or_import(client, material_course, archive_bytes):
    response = client.get(export_url(material_course))
    assert response.status_code == 302 and "/login/" in response["Location"]
    before = counts()
    assert post_archive(client, archive_bytes).status_code == 302
    assert counts() == before


def test_a_student_and_a_translator_cannot_import(client, archive_bytes, student):
    before = counts()
    for user in (student, factories.UserFactory(groups=[TRANSLATORS])):
        client.force_login(user)
        assert client.get(IMPORT).status_code in (302, 403)
        assert post_archive(client, archive_bytes).status_code in (302, 403)
    assert counts() == before


def test_the_builder_offers_export_to_the_courses_staff_and_import_to_instructors(client, material_course, teacher):
    client.force_login(teacher)
    assert (
        export_url(material_course)
        in client.get(reverse("course_builder:curriculum", args=(material_course.pk,))).content.decode()
    )
    assert IMPORT in client.get(reverse("course_builder:index")).content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(material_course.pk,))).content.decode()
    assert export_url(material_course) in editor


# --- what an import makes ------------------------------------------------------------------


def test_an_instructor_imports_a_draft_course_they_own_submitted_for_review(client, archive_bytes, other_teacher,
                                                                            material_course):  # fmt: skip
    client.force_login(other_teacher)
    response = post_archive(client, archive_bytes)
    assert response.status_code == 302
    course = CoursePage.objects.exclude(pk=material_course.pk).get(title=material_course.title)
    assert response["Location"] == reverse("course_builder:curriculum", args=(course.pk,))
    assert not course.live and course.owner == other_teacher
    assert course.get_parent().pk == material_course.get_parent().pk
    assert course.translation_key != material_course.translation_key
    assert CourseSubmission.objects.filter(course=course).exists()  # in the course review
    assert course.collection_id not in (None, material_course.collection_id)
    resource = ResourcePage.objects.descendant_of(course).order_by("path").first()
    video = resource.body[0].value
    assert video["video"].collection_id == course.collection_id
    assert video["captions"][0].collection_id == course.collection_id
    assert video["poster"].pk == course.cover_image_id and course.cover_image.collection_id == course.collection_id
    assert (
        video["captions"][0].cues
        == CaptionTrack.objects.get(title="Intro captions", collection=material_course.collection).cues
    )
    document = resource.body[1].value["document"]
    assert document.collection_id == course.collection_id
    assert f'id="{document.pk}"' in resource.body[3].value.source
    key = resource.body[4].value["questions"][0].value["answer"]
    assert key == "true"  # the evaluation came with its key


def test_importing_the_same_archive_twice_makes_two_courses(client, archive_bytes, teacher, material_course):
    client.force_login(teacher)
    assert post_archive(client, archive_bytes).status_code == 302
    assert post_archive(client, archive_bytes).status_code == 302
    copies = CoursePage.objects.filter(title=material_course.title).exclude(pk=material_course.pk)
    assert copies.count() == 2
    first, second = copies.order_by("pk")
    assert first.slug != second.slug and first.collection_id != second.collection_id
    for copy in (first, second):
        assert ResourcePage.objects.descendant_of(copy).count() == 4
        assert CourseMedia.objects.filter(collection=copy.collection).count() == 1


# --- bad archives --------------------------------------------------------------------------


def _bomb():
    return ("files/document/1/zeros.txt", b"\0" * (20 * 1024 * 1024))


def _symlink():
    info = zipfile.ZipInfo("files/link")
    info.external_attr = 0o120777 << 16
    return info


def _first_media_path(data):
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read(archive_format.MANIFEST))
    return next(entry["path"] for entry in manifest["files"] if entry["kind"] == "media")


def _malformed_block(manifest):
    resource = next(page for page in manifest["pages"] if page["type"] == "resource" and page["fields"]["body"])
    resource["fields"]["body"][0]["value"]["captions"] = 7


def _set_version(manifest):
    manifest["version"] = 99


EXECUTABLE = b"MZ\x90\x00" + bytes(4000)


def _executable_video(data):
    """The video replaced by a program, the manifest's size and checksum made to match."""
    path = _first_media_path(data)

    def matching(manifest):
        entry = next(entry for entry in manifest["files"] if entry["path"] == path)
        entry.update(size=len(EXECUTABLE), sha256=hashlib.sha256(EXECUTABLE).hexdigest())

    return {"replace": {path: EXECUTABLE}, "change_manifest": matching}


BAD_ARCHIVES = {
    "a ../ path": ({"extra": [("../../etc/evil.txt", b"x")]}, "unsafe name"),
    "an absolute path": ({"extra": [("/tmp/evil.txt", b"x")]}, "unsafe name"),
    "a symlink": ({"extra": [_symlink()]}, "link"),
    "a zip bomb": ({"extra": [_bomb()]}, "zip bomb"),
    "an unknown format version": ({"change_manifest": _set_version}, "version 99"),
    "a malformed block": ({"change_manifest": _malformed_block}, "not shaped as the format says"),
    "an unlisted file": ({"extra": [("files/media/99/extra.exe", b"MZ")]}, "does not list"),
}


@pytest.mark.parametrize("case", list(BAD_ARCHIVES))
def test_a_bad_archive_is_refused_with_a_message_and_changes_nothing(client, archive_bytes, teacher, settings, case):
    changes, message = BAD_ARCHIVES[case]
    data = rebuilt(archive_bytes, **changes)
    before, files = counts(), stored_files(settings)
    client.force_login(teacher)
    response = post_archive(client, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Nothing was imported" in html
    assert counts() == before and stored_files(settings) == files


def test_a_missing_file_is_refused(client, archive_bytes, teacher, settings):
    data = rebuilt(archive_bytes, drop=[_first_media_path(archive_bytes)])
    before, files = counts(), stored_files(settings)
    client.force_login(teacher)
    response = post_archive(client, data)
    assert response.status_code == 400 and "missing from it" in response.content.decode()
    assert counts() == before and stored_files(settings) == files


def test_a_disguised_executable_is_refused_by_its_content(client, archive_bytes, teacher, settings):
    data = rebuilt(archive_bytes, **_executable_video(archive_bytes))
    before, files = counts(), stored_files(settings)
    client.force_login(teacher)
    response = post_archive(client, data)
    assert response.status_code == 400
    assert "a program (executable)" in response.content.decode()
    assert counts() == before and stored_files(settings) == files


def test_a_damaged_file_is_refused_by_its_checksum(client, archive_bytes, teacher):
    path = next(name for name in zipfile.ZipFile(io.BytesIO(archive_bytes)).namelist() if name.endswith(".vtt"))
    data = rebuilt(archive_bytes, replace={path: factories.VTT_TEXT.replace("Hello", "Hallo").encode()})
    client.force_login(teacher)
    response = post_archive(client, data)
    assert response.status_code == 400 and "checksum" in response.content.decode()


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken"], ids=["text", "truncated zip"])
def test_a_file_that_is_not_a_zip_is_refused(client, teacher, data):
    client.force_login(teacher)
    response = post_archive(client, data)
    assert response.status_code == 400 and "not a zip file" in response.content.decode()


def test_no_file_chosen_is_refused(client, teacher):
    client.force_login(teacher)
    response = client.post(IMPORT, {})
    assert response.status_code == 400 and "Choose a course archive" in response.content.decode()


def test_a_failure_after_files_were_written_keeps_nothing(client, archive_bytes, teacher, settings, monkeypatch):
    """The last step fails: the pages and rows are rolled back and the files written removed."""

    def fail(self, course):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(_Importer, "submit", fail)
    before, files = counts(), stored_files(settings)
    client.force_login(teacher)
    response = post_archive(client, archive_bytes)
    assert response.status_code == 400 and "Nothing was kept" in response.content.decode()
    assert counts() == before and stored_files(settings) == files


def test_a_course_whose_file_is_missing_from_storage_is_not_exported_half(client, material_course, teacher):
    media = CourseMedia.objects.get(collection=material_course.collection)
    media.file.storage.delete(media.file.name)
    client.force_login(teacher)
    response = client.get(export_url(material_course), follow=True)
    assert not getattr(response, "streaming", False)
    assert "missing from storage" in response.content.decode()
