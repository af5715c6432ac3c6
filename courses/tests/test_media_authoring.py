"""Media in the editor: a new video block has no empty caption slot, captions are uploaded
from inside the block's chooser, and the course intro video has captions too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.blocks import AudioBlock, VideoBlock
from courses.models import CaptionTrack

from . import factories

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/snippets/choose/courses/captiontrack/"


def test_a_new_video_or_audio_block_starts_without_a_caption_track():
    for block in (VideoBlock(), AudioBlock()):
        assert list(block.get_default()["captions"]) == []


def test_a_video_block_without_captions_is_valid():
    block = VideoBlock()
    value = block.clean(block.to_python({"title": "", "video": factories.CourseMediaFactory().pk, "captions": []}))
    assert list(value["captions"]) == []


def test_the_caption_chooser_offers_an_upload_tab(client, paid_course, teacher):
    client.force_login(teacher)
    response = client.get(CHOOSER)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Upload captions" in html and 'name="file"' in html


def upload(client, collection_id, content, name="captions.vtt"):
    return client.post(
        f"{CHOOSER}create/",
        {
            "title": "Lesson captions",
            "file": SimpleUploadedFile(name, content.encode()),
            "language": "en",
            "label": "English",
            "collection": collection_id,
        },
    )


def test_an_instructor_uploads_captions_from_the_chooser(client, paid_course, teacher):
    client.force_login(teacher)
    response = upload(client, paid_course.collection_id, factories.VTT_TEXT)
    assert response.status_code == 200 and response.json()["step"] == "chosen"
    track = CaptionTrack.objects.get()
    assert track.collection_id == paid_course.collection_id and len(track.cues) == 2


def test_a_broken_caption_file_uploaded_from_the_chooser_is_explained(client, paid_course, teacher):
    client.force_login(teacher)
    response = upload(client, paid_course.collection_id, "WEBVTT\n\n00:00:xx --> nonsense\nHello\n")
    assert response.status_code == 200 and response.json()["step"] != "chosen"
    assert not CaptionTrack.objects.exists()


def test_captions_cannot_be_uploaded_into_another_instructors_course(client, paid_course, other_teacher):
    own = factories.build_course(title="Own", slug="own", owner=other_teacher)
    own.instructors.add(other_teacher)
    own.save()
    client.force_login(other_teacher)
    response = upload(client, paid_course.collection_id, factories.VTT_TEXT)
    assert response.json()["step"] != "chosen"
    assert not CaptionTrack.objects.exists()


def test_the_intro_video_can_have_captions(client, paid_course, teacher):
    track = factories.CaptionTrackFactory(collection=paid_course.collection)
    client.force_login(teacher)
    form = client.get(f"/admin/pages/{paid_course.pk}/edit/").context["form"]
    assert track in form.fields["intro_captions"].queryset
    paid_course.intro_video = factories.CourseMediaFactory(collection=paid_course.collection)
    paid_course.intro_captions.add(track)
    paid_course.save_revision().publish()
    html = client.get(paid_course.url).content.decode()
    assert 'kind="captions"' in html and track.url in html


def test_the_intro_videos_captions_are_open_to_visitors_of_the_live_course(client, paid_course):
    track = factories.CaptionTrackFactory(collection=paid_course.collection)
    assert client.get(track.url).status_code in (403, 404)
    paid_course.intro_video = factories.CourseMediaFactory(collection=paid_course.collection)
    paid_course.intro_captions.add(track)
    paid_course.save_revision().publish()
    response = client.get(track.url)
    assert response.status_code == 200
    assert b"WEBVTT" in b"".join(response.streaming_content if response.streaming else [response.content])
