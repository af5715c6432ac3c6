"""Instructors choose, list, open and edit only their own courses' files in the admin
(documents, video/audio, caption tracks); moderators and administrators see them all."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from courses.models import CaptionTrack

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_course(catalog, other_teacher):
    course = factories.build_course(title="Other course", slug="other-course", price="19.00", owner=other_teacher)
    course.instructors.add(other_teacher)
    course.save()
    return course


@pytest.fixture
def files(paid_course, other_course):
    """One document, video and caption track in each course's collection."""

    def make(course, name):
        return {
            "document": get_document_model().objects.create(
                title=f"{name} handout", file=ContentFile(factories.PDF_BYTES, name=f"{name}.pdf"),
                collection=course.collection,
            ),
            "media": factories.CourseMediaFactory(title=f"{name} video", collection=course.collection),
            "track": factories.CaptionTrackFactory(title=f"{name} captions", collection=course.collection),
        }  # fmt: skip

    return {"mine": make(paid_course, "Mine"), "theirs": make(other_course, "Theirs")}


LISTINGS = {
    "document": ("/admin/documents/chooser/", "/admin/documents/"),
    "media": ("/admin/media/chooser/", "/admin/media/"),
    "track": ("/admin/snippets/choose/courses/captiontrack/", "/admin/snippets/courses/captiontrack/"),
}
EDIT = {
    "document": "/admin/documents/edit/{}/",
    "media": "/admin/media/edit/{}/",
    "track": "/admin/snippets/courses/captiontrack/edit/{}/",
}


def body(response):
    """The listing's HTML (choosers answer JSON with the HTML inside)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.mark.parametrize("kind", list(LISTINGS))
def test_an_instructor_chooses_and_lists_only_their_own_courses_files(client, teacher, files, kind):
    client.force_login(teacher)
    for url in LISTINGS[kind]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = body(response)
        assert files["mine"][kind].title in html, url
        assert files["theirs"][kind].title not in html, url


@pytest.mark.parametrize("kind", list(EDIT))
def test_an_instructor_cannot_open_or_edit_another_courses_file(client, teacher, files, kind):
    client.force_login(teacher)
    theirs = files["theirs"][kind]
    assert client.get(EDIT[kind].format(theirs.pk)).status_code in (302, 403)
    client.post(EDIT[kind].format(theirs.pk), {"title": "Defaced", "label": "x", "language": "en"})
    theirs.refresh_from_db()
    assert theirs.title != "Defaced"
    assert client.get(EDIT[kind].format(files["mine"][kind].pk)).status_code == 200


def test_an_instructor_cannot_delete_another_courses_caption_track(client, teacher, files):
    client.force_login(teacher)
    theirs = files["theirs"]["track"]
    assert client.post(f"/admin/snippets/courses/captiontrack/delete/{theirs.pk}/").status_code in (302, 403)
    assert CaptionTrack.objects.filter(pk=theirs.pk).exists()


def test_a_chooser_does_not_hand_over_another_courses_caption_track(client, teacher, files):
    client.force_login(teacher)
    url = "/admin/snippets/choose/courses/captiontrack/chosen/{}/"
    assert client.get(url.format(files["theirs"]["track"].pk)).status_code in (302, 403)
    assert client.get(url.format(files["mine"]["track"].pk)).status_code == 200


def test_a_co_instructor_sees_the_files_the_owner_uploaded(client, paid_course, other_teacher, files):
    paid_course.instructors.add(other_teacher)
    paid_course.save()
    client.force_login(other_teacher)
    html = body(client.get("/admin/documents/chooser/"))
    assert "Mine handout" in html and "Theirs handout" in html
    assert client.get(EDIT["media"].format(files["mine"]["media"].pk)).status_code == 200


def test_an_instructor_without_a_course_cannot_upload(client, files):
    client.force_login(factories.instructor())
    for url in ("/admin/documents/add/", "/admin/media/video/add/", "/admin/snippets/courses/captiontrack/add/"):
        assert client.get(url).status_code in (302, 403), url
    for kind, (chooser, _listing) in LISTINGS.items():
        response = client.get(chooser)
        assert response.status_code == 200, chooser
        assert files["mine"][kind].title not in body(response), chooser


@pytest.mark.parametrize("kind", list(LISTINGS))
def test_moderators_and_admins_see_every_courses_files(client, files, kind):
    for user in (factories.moderator(), factories.UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        html = body(client.get(LISTINGS[kind][1]))
        assert files["mine"][kind].title in html and files["theirs"][kind].title in html


def test_an_instructor_cannot_upload_into_another_courses_collection(client, teacher, paid_course, other_course):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(teacher)
    target = other_course.collection_id
    captions = {"title": "Planted", "language": "en", "label": "English", "collection": target}
    client.post(
        "/admin/snippets/courses/captiontrack/add/",
        {**captions, "file": SimpleUploadedFile("c.vtt", factories.VTT_TEXT.encode())},
    )
    client.post(
        "/admin/documents/add/",
        {"title": "Planted", "collection": target, "file": SimpleUploadedFile("p.pdf", factories.PDF_BYTES)},
    )
    assert not CaptionTrack.objects.filter(collection_id=target).exists()
    assert not get_document_model().objects.filter(collection_id=target).exists()
