"""Bad uploads get a clear error in the admin and leave nothing behind: no row, no file."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from courses.course_collections import latest_course_collection_for
from courses.models import CaptionTrack, CourseMedia
from courses.storage import private_media_root

from . import factories

pytestmark = pytest.mark.django_db

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 2000
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def files_under(root):
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def uploader(client, teacher, paid_course):
    """An instructor with a course: they upload into its collection."""
    client.force_login(teacher)
    client.collection_id = paid_course.collection_id
    return client


def add_media(client, media_type, name, content):
    return client.post(
        f"/admin/media/{media_type}/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "collection": client.collection_id,
            "duration": "1",
        },
    )


def add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Handout",
            "file": SimpleUploadedFile(name, content),
            "collection": client.collection_id,
        },
    )


def test_a_real_mp4_is_accepted_and_stored_privately(uploader):
    response = add_media(uploader, "video", "clip.mp4", factories.MP4_BYTES)
    assert response.status_code == 302
    item = CourseMedia.objects.get()
    assert item.file.path.startswith(private_media_root())
    assert not item.file.path.startswith(os.path.abspath(settings.MEDIA_ROOT) + os.sep)
    assert item.url == f"/media-files/{item.pk}/{item.filename}"


@pytest.mark.parametrize("content", [EXE_BYTES, ELF_BYTES], ids=["windows-exe", "elf"])
def test_an_executable_renamed_to_mp4_is_refused(uploader, content):
    response = add_media(uploader, "video", "lesson.mp4", content)
    assert response.status_code == 200
    assert "a program (executable)" in response.content.decode()
    assert not CourseMedia.objects.exists()
    assert files_under(private_media_root()) == []


def test_an_audio_file_with_a_video_extension_list_is_refused(uploader):
    response = add_media(uploader, "audio", "talk.mov", factories.MP4_BYTES)
    assert "are not accepted here" in response.content.decode()
    assert not CourseMedia.objects.exists()


def test_a_real_mp3_is_accepted(uploader):
    assert add_media(uploader, "audio", "talk.mp3", factories.MP3_BYTES).status_code == 302
    assert CourseMedia.objects.get().type == "audio"


def test_an_oversize_file_is_refused(uploader, settings):
    settings.AULA_MAX_UPLOAD_SIZE = 1000
    response = add_media(uploader, "video", "clip.mp4", factories.MP4_BYTES)
    assert "the largest file accepted is 1000" in response.content.decode()
    assert not CourseMedia.objects.exists()
    assert files_under(private_media_root()) == []


def test_an_html_file_named_pdf_is_refused(uploader, settings):
    response = add_document(uploader, "handout.pdf", HTML_BYTES)
    assert response.status_code == 200
    assert "a web page (HTML)" in response.content.decode()
    assert not get_document_model().objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_real_pdf_is_accepted(uploader):
    assert add_document(uploader, "handout.pdf", factories.PDF_BYTES).status_code == 302
    assert get_document_model().objects.get().file_extension == "pdf"


def test_an_oversize_document_is_refused(uploader, settings):
    settings.AULA_MAX_UPLOAD_SIZE = 10
    response = add_document(uploader, "handout.pdf", factories.PDF_BYTES)
    assert "the largest file accepted is" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_document_type_outside_the_allow_list_is_refused(uploader):
    response = add_document(uploader, "tool.exe", EXE_BYTES)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def add_captions(client, text, name="captions.vtt"):
    return client.post(
        "/admin/snippets/courses/captiontrack/add/",
        {
            "title": "Captions",
            "file": SimpleUploadedFile(name, text.encode()),
            "language": "en",
            "label": "English",
            "collection": client.collection_id,
        },
    )


def test_valid_captions_are_saved_with_their_cues(uploader):
    response = add_captions(uploader, factories.VTT_TEXT)
    assert response.status_code == 302, response.content.decode()[:2000]
    track = CaptionTrack.objects.get()
    assert track.cues == [
        {"start": 0.0, "end": 2.0, "text": "Hello"},
        {"start": 2.0, "end": 4.5, "text": "World"},
    ]


def test_captions_with_a_broken_timestamp_are_refused_with_the_line(uploader):
    broken = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello\n\n00:00:0x.000 --> 00:00:04.000\nWorld\n"
    response = add_captions(uploader, broken)
    assert response.status_code == 200
    assert "Line 6 has a broken timestamp" in response.content.decode()
    assert not CaptionTrack.objects.exists()
    assert files_under(private_media_root()) == []


def test_a_file_that_is_not_webvtt_is_refused(uploader):
    response = add_captions(uploader, "1\n00:00:00,000 --> 00:00:02,000\nHello\n", name="subs.vtt")
    assert "This is not a WebVTT file" in response.content.decode()
    assert not CaptionTrack.objects.exists()


def test_captions_with_a_nul_character_are_refused_and_nothing_is_kept(uploader):
    response = add_captions(uploader, "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHel\x00lo\n")
    assert response.status_code == 200
    assert "Line 4 contains a NUL character" in response.content.decode()
    assert not CaptionTrack.objects.exists()
    assert files_under(private_media_root()) == []


def test_captions_with_a_note_block_are_accepted(uploader):
    text = "WEBVTT\n\nNOTE\nThe intro (00:00:00.000 --> 00:00:02.000) is silent.\n\n" + factories.VTT_TEXT[8:]
    response = add_captions(uploader, text)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [cue["text"] for cue in CaptionTrack.objects.get().cues] == ["Hello", "World"]


def test_captions_without_cues_are_refused_with_the_real_reason(uploader):
    response = add_captions(uploader, "WEBVTT\n\nNOTE nothing here yet\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This caption file has no cues" in html
    assert "The submitted file is empty." not in html
    assert not CaptionTrack.objects.exists()


def test_uploads_default_to_the_instructors_course_collection(uploader, paid_course, free_course, teacher):
    latest = latest_course_collection_for(teacher)
    assert latest.pk in (paid_course.collection_id, free_course.collection_id)
    assert paid_course.collection.get_parent().name == "Courses"
    for url in ("/admin/media/video/add/", "/admin/documents/add/", "/admin/snippets/courses/captiontrack/add/"):
        form = uploader.get(url).context["form"]
        assert form.initial["collection"] == latest.pk, url
        choices = {pk for pk, _label in form.fields["collection"].choices}
        assert choices == {paid_course.collection_id, free_course.collection_id}, url


def test_a_caption_track_can_be_edited_in_the_admin(uploader, paid_course):
    track = factories.CaptionTrackFactory(collection=paid_course.collection)
    response = uploader.get(f"/admin/snippets/courses/captiontrack/edit/{track.pk}/")
    assert response.status_code == 200
    media = factories.CourseMediaFactory(collection=paid_course.collection)
    assert uploader.get(f"/admin/media/edit/{media.pk}/").status_code == 200
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    uploader.force_login(admin)
    assert uploader.get(f"/admin/media/edit/{media.pk}/").status_code == 200


def test_uploads_default_to_the_collection_of_a_course_its_owner_does_not_list_as_instructor(client, catalog):
    owner = factories.instructor(display_name="Owner Only")
    # An older course they teach as a listed instructor, so the upload forms offer a choice.
    taught = factories.build_course(title="Taught course", slug="taught-course", sections=0)
    taught.instructors.add(owner)
    taught.save()
    course = factories.build_course(title="Owned course", slug="owned-course", owner=owner)
    assert not course.instructors.exists()
    client.force_login(owner)
    assert client.get("/admin/media/video/add/").context["form"].initial["collection"] == course.collection_id
    assert client.get("/admin/documents/add/").context["form"].initial["collection"] == course.collection_id


def wav_bytes(seconds, rate=8000):
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(seconds * rate))
    return buffer.getvalue()


def test_an_uploaded_audio_gets_its_duration_from_the_file(uploader):
    """What is posted for the duration (1 s in add_media) does not count: the file says 3 s."""
    assert add_media(uploader, "audio", "talk.wav", wav_bytes(3)).status_code == 302
    assert CourseMedia.objects.get().duration == 3


def test_an_uploaded_video_gets_its_duration_width_and_height_from_the_file(uploader):
    data = {"width": "9999", "height": "1", "duration": "5"}
    response = uploader.post(
        "/admin/media/video/add/",
        {"title": "Upload", "file": SimpleUploadedFile("clip.mp4", factories.mp4_bytes(42, 640, 360)),
         "collection": uploader.collection_id, **data},
    )  # fmt: skip
    assert response.status_code == 302
    item = CourseMedia.objects.get()
    assert (item.duration, item.width, item.height) == (42, 640, 360)


def test_duration_width_and_height_are_read_only_in_the_form(uploader):
    form = uploader.get("/admin/media/video/add/").context["form"]
    for name in ("duration", "width", "height"):
        assert name not in form.fields or form.fields[name].disabled, name


def test_the_pure_python_reader_measures_when_ffprobe_is_missing(monkeypatch):
    from courses import media_duration

    monkeypatch.setattr(media_duration.shutil, "which", lambda name: None)
    info = media_duration.read_media_info(ContentFile(factories.mp4_bytes(12, 1280, 720), name="a.mp4"))
    assert (info.duration, info.width, info.height) == (12, 1280, 720)
    assert media_duration.read_duration(ContentFile(wav_bytes(2), name="a.wav")) == 2


def test_a_file_whose_duration_cannot_be_read_is_refused(uploader):
    response = uploader.post(
        "/admin/media/video/add/",
        {"title": "Upload", "file": SimpleUploadedFile("clip.mp4", factories.UNREADABLE_MP4_BYTES),
         "collection": uploader.collection_id, "duration": "60"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The duration of this file could not be read" in response.content.decode()
    assert not CourseMedia.objects.exists()
    assert files_under(private_media_root()) == []


def test_media_created_by_code_reads_its_duration(db):
    item = factories.CourseMediaFactory(type="audio", duration=0, file=ContentFile(wav_bytes(2), name="a.wav"))
    assert item.duration == 2
