"""Authoring in the curriculum view (issue 27): adding a section or a resource in place,
reordering by drag and drop (a posted order), bulk upload of files onto a section, the
editor's return to the curriculum, and the review panel's wording. Bad input: a forged
order, another instructor's course, a disguised file, a file over the limit, 200 files."""

from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from courses.models import CaptionTrack, CourseMedia, ResourcePage, SectionPage
from courses.storage import private_media_root

from . import factories

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello.\n"
PDF = b"%PDF-1.4\n%%EOF\n"
SCRIPT = b"#!/bin/sh\nrm -rf /\n" + b"echo hi\n" * 200


def curriculum_url(course):
    return reverse("course_builder:curriculum", args=(course.pk,))


def reorder_url(course, parent):
    return reverse("course_builder:reorder", args=(course.pk, parent.pk))


def upload_url(course, section):
    return reverse("course_builder:bulk_upload", args=(course.pk, section.pk))


def titles(parent):
    return [p.title for p in parent.get_children().order_by("path")]


def stored_files():
    roots = {Path(settings.MEDIA_ROOT), Path(private_media_root())}
    return sorted({p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()})


def nothing_stored_since(before):
    return stored_files() == before


@pytest.fixture
def section(paid_course):
    return SectionPage.objects.child_of(paid_course).first()


# Adding in place


def test_a_section_is_added_in_place_as_a_draft(client, paid_course, teacher):
    client.force_login(teacher)
    url = reverse("course_builder:add_section", args=(paid_course.pk,))
    response = client.post(url, {"title": "  Extras  "}, follow=True)
    assert "Section “Extras” added as a draft." in response.content.decode()
    assert titles(paid_course) == ["Section 1", "Section 2", "Extras"]
    extras = SectionPage.objects.get(title="Extras")
    assert not extras.live and extras.slug == "extras" and extras.latest_revision_id


def test_a_resource_is_added_in_place_with_a_block_of_its_type(client, paid_course, teacher, section):
    client.force_login(teacher)
    url = reverse("course_builder:add_resource", args=(paid_course.pk, section.pk))
    client.post(url, {"title": "Final quiz", "type": "evaluation"})
    client.post(url, {"title": "Welcome video", "type": "video"})
    assert titles(section)[-2:] == ["Final quiz", "Welcome video"]
    quiz = ResourcePage.objects.get(title="Final quiz")
    assert not quiz.live and quiz.body[0].block_type == "evaluation" and quiz.body[0].value["title"] == "Final quiz"
    video = ResourcePage.objects.get(title="Welcome video")
    assert video.kind == "video" and video.body[0].value["video"] is None
    html = client.get(curriculum_url(paid_course)).content.decode()
    assert "Welcome video" in html and ">Video<" in html and ">Evaluation<" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "type": "video"}, "Give it a title."),
        ({"title": "x" * 300, "type": "video"}, "at most 255 characters"),
        ({"title": "Hack", "type": "script"}, "Choose the type of the new resource."),
    ],
)
def test_a_bad_new_resource_is_explained_and_adds_nothing(client, paid_course, teacher, section, data, message):
    client.force_login(teacher)
    url = reverse("course_builder:add_resource", args=(paid_course.pk, section.pk))
    response = client.post(url, data, follow=True)
    assert message in response.content.decode()
    assert ResourcePage.objects.child_of(section).count() == 2


def test_a_resource_cannot_be_added_to_a_section_of_another_course(client, paid_course, teacher, other_teacher):
    other = factories.build_course(title="Other", slug="other", owner=other_teacher)
    foreign = SectionPage.objects.child_of(other).first()
    client.force_login(teacher)
    url = reverse("course_builder:add_resource", args=(paid_course.pk, foreign.pk))
    response = client.post(url, {"title": "Sneaky", "type": "rich_text"}, follow=True)
    assert "not part of this course" in response.content.decode()
    assert not ResourcePage.objects.filter(title="Sneaky").exists()
    client.force_login(other_teacher)
    url = reverse("course_builder:add_section", args=(paid_course.pk,))
    assert client.post(url, {"title": "Sneaky"}).status_code == 403
    assert not SectionPage.objects.filter(title="Sneaky").exists()


# Reordering (drag and drop posts the new order)


def test_a_posted_order_reorders_a_sections_resources(client, paid_course, teacher, section):
    client.force_login(teacher)
    ids = [p.pk for p in section.get_children().order_by("path")]
    response = client.post(reorder_url(paid_course, section), {"order": ids[::-1]}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["ok"]
    assert titles(section) == ["Resource 1.2", "Resource 1.1"]


def test_a_posted_order_reorders_the_sections(client, paid_course, teacher):
    client.force_login(teacher)
    ids = [p.pk for p in paid_course.get_children().order_by("path")]
    client.post(reorder_url(paid_course, paid_course), {"order": ids[::-1]})
    assert titles(paid_course) == ["Section 2", "Section 1"]


def forged_orders(section, other_section):
    ids = [p.pk for p in section.get_children().order_by("path")]
    foreign = other_section.get_children().first().pk
    return [[ids[0], ids[0]], [ids[0]], [ids[0], foreign], [*ids, foreign], ["one", "two"], []]


def test_a_forged_order_is_refused_and_nothing_moves(client, paid_course, teacher, section):
    other_section = SectionPage.objects.child_of(paid_course).last()
    client.force_login(teacher)
    for order in forged_orders(section, other_section):
        response = client.post(reorder_url(paid_course, section), {"order": order}, HTTP_ACCEPT="application/json")
        assert response.status_code == 400, order
        assert "exactly once" in response.json()["message"] or "not a list" in response.json()["message"]
    assert titles(section) == ["Resource 1.1", "Resource 1.2"]
    assert titles(other_section) == ["Resource 2.1", "Resource 2.2"]


def test_an_order_for_another_instructors_course_is_refused(client, paid_course, other_teacher, section):
    client.force_login(other_teacher)
    ids = [p.pk for p in section.get_children().order_by("path")]
    assert client.post(reorder_url(paid_course, section), {"order": ids[::-1]}).status_code == 403
    assert titles(section) == ["Resource 1.1", "Resource 1.2"]


def test_an_order_for_a_page_outside_the_course_is_refused(client, paid_course, teacher, other_teacher):
    other = factories.build_course(title="Other", slug="other", owner=other_teacher)
    foreign = SectionPage.objects.child_of(other).first()
    client.force_login(teacher)
    ids = [p.pk for p in foreign.get_children().order_by("path")]
    response = client.post(reorder_url(paid_course, foreign), {"order": ids[::-1]}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "not part of this course" in response.json()["message"]
    assert titles(foreign) == ["Resource 1.1", "Resource 1.2"]


# Bulk upload


def upload(client, course, section, *files):
    return client.post(upload_url(course, section), {"files": list(files)}, HTTP_ACCEPT="application/json")


def test_dropped_files_become_draft_resources_with_duration_and_captions(client, paid_course, teacher, section):
    client.force_login(teacher)
    response = upload(
        client, paid_course, section,
        SimpleUploadedFile("01_kneading-dough.mp4", factories.mp4_bytes(seconds=150)),
        SimpleUploadedFile("Oven talk.mp3", factories.mp3_bytes()),
        SimpleUploadedFile("Oven talk.vtt", VTT),
        SimpleUploadedFile("Recipe card.pdf", PDF),
    )  # fmt: skip
    answer = response.json()
    assert answer["ok"], answer
    assert [f["name"] for f in answer["files"]] == ["01_kneading-dough.mp4", "Oven talk.mp3", "Recipe card.pdf"]
    assert "Captions attached" in answer["files"][1]["message"]
    assert titles(section)[-3:] == ["01 kneading dough", "Oven talk", "Recipe card"]
    video = ResourcePage.objects.get(title="01 kneading dough")
    assert not video.live and video.kind == "video" and video.estimated_minutes == 3
    media = CourseMedia.objects.get(title="01 kneading dough")
    assert media.collection_id == paid_course.collection_id and round(media.duration) == 150
    audio = ResourcePage.objects.get(title="Oven talk").get_latest_revision_as_object()
    track = CaptionTrack.objects.get()
    assert [t.pk for t in audio.body[0].value["captions"]] == [track.pk] and track.collection_id == media.collection_id
    document = get_document_model().objects.get(title="Recipe card")
    assert document.collection_id == paid_course.collection_id


def test_a_disguised_file_is_refused_alone_and_leaves_nothing(client, paid_course, teacher, section):
    client.force_login(teacher)
    before = stored_files()
    response = upload(
        client, paid_course, section,
        SimpleUploadedFile("lesson.mp4", SCRIPT),
        SimpleUploadedFile("Recipe card.pdf", PDF),
    )  # fmt: skip
    files = {f["name"]: f for f in response.json()["files"]}
    assert not files["lesson.mp4"]["ok"] and "named .mp4 but its content" in files["lesson.mp4"]["message"]
    assert files["Recipe card.pdf"]["ok"]
    assert not ResourcePage.objects.filter(title="Lesson").exists() and not CourseMedia.objects.exists()
    assert len(stored_files()) == len(before) + 1  # the PDF only


def test_a_file_over_the_limit_is_refused_and_leaves_nothing(client, paid_course, teacher, section, settings):
    settings.AULA_MAX_UPLOAD_SIZE = 1000
    client.force_login(teacher)
    before = stored_files()
    response = upload(client, paid_course, section, SimpleUploadedFile("Big.mp4", factories.mp4_bytes()))
    result = response.json()["files"][0]
    assert not result["ok"] and "the largest file accepted is" in result["message"]
    assert nothing_stored_since(before) and not CourseMedia.objects.exists()
    assert ResourcePage.objects.child_of(section).count() == 2


def test_a_failure_while_creating_the_page_leaves_no_media_row_nor_file(
    client, paid_course, teacher, section, monkeypatch
):
    from courses import bulk_upload

    def broken(*args, **kwargs):
        raise bulk_upload.CurriculumError("the page could not be created")

    monkeypatch.setattr(bulk_upload, "_add_draft", broken)
    client.force_login(teacher)
    before = stored_files()
    result = upload(client, paid_course, section, SimpleUploadedFile("Intro.mp4", factories.mp4_bytes())).json()
    assert not result["files"][0]["ok"] and "could not be created" in result["files"][0]["message"]
    assert nothing_stored_since(before) and not CourseMedia.objects.exists()


@pytest.mark.parametrize("count", [21, 200])
def test_too_many_files_at_once_are_refused_and_nothing_is_created(client, paid_course, teacher, section, count):
    client.force_login(teacher)
    before = stored_files()
    files = [SimpleUploadedFile(f"Doc {n}.pdf", PDF) for n in range(count)]
    response = upload(client, paid_course, section, *files)
    assert response.status_code in (200, 400)
    answer = response.json()
    if answer.get("files"):  # within what the server reads: a message for each file
        assert len(answer["files"]) == count and all("at most 20 files" in f["message"] for f in answer["files"])
    else:
        assert "Too many files at once" in answer.get("message", answer.get("error_message"))
    assert nothing_stored_since(before) and not get_document_model().objects.exists()
    assert ResourcePage.objects.child_of(section).count() == 2


def test_unknown_types_and_lone_captions_get_their_own_message(client, paid_course, teacher, section):
    client.force_login(teacher)
    files = upload(
        client, paid_course, section,
        SimpleUploadedFile("notes.docx", b"PK\x03\x04" + b"\x00" * 50), SimpleUploadedFile("Lonely.vtt", VTT),
    ).json()["files"]  # fmt: skip
    assert [f["ok"] for f in files] == [False, False]
    assert "only videos, audios, PDFs" in files[0]["message"]
    assert "no video or audio of the same name" in files[1]["message"]
    assert not CaptionTrack.objects.exists()


def test_another_instructor_cannot_upload_to_the_course(client, paid_course, other_teacher, section):
    client.force_login(other_teacher)
    response = client.post(upload_url(paid_course, section), {"files": [SimpleUploadedFile("a.pdf", PDF)]})
    assert response.status_code == 403 and not get_document_model().objects.exists()


def test_without_javascript_the_upload_form_reports_each_file_as_a_message(client, paid_course, teacher, section):
    client.force_login(teacher)
    response = client.post(
        upload_url(paid_course, section),
        {"files": [SimpleUploadedFile("Recipe.pdf", PDF), SimpleUploadedFile("x.mp4", SCRIPT)]},
        follow=True,
    )
    html = response.content.decode()
    assert "Recipe.pdf: Added as a draft" in html and "x.mp4: Not uploaded" in html


# The editor returns to the curriculum; the review panel says the right thing


def test_saving_a_resource_opened_from_the_curriculum_returns_there(client, paid_course, teacher, section):
    from .test_authoring import resource_form

    resource = ResourcePage.objects.child_of(section).first()
    client.force_login(teacher)
    url = f"/admin/pages/{resource.pk}/edit/?next={curriculum_url(paid_course)}"
    response = client.post(url, resource_form("Renamed", resource.slug))
    assert response.status_code == 302 and response["Location"] == curriculum_url(paid_course)
    response = client.post(f"/admin/pages/{resource.pk}/edit/", resource_form("Renamed again", resource.slug))
    assert response["Location"] == f"/admin/pages/{resource.pk}/edit/"


def test_a_never_published_course_says_so(client, teacher, catalog):
    course = factories.build_course(sections=0, title="New", slug="new", owner=teacher, live=False)
    course.instructors.add(teacher)
    client.force_login(teacher)
    html = client.get(curriculum_url(course)).content.decode()
    assert "Not published yet" in html and "Nothing has changed since" not in html


def test_the_checklist_icons_are_icon_sized_and_a_submitted_course_cannot_be_submitted_again(
    client, paid_course, teacher
):
    client.force_login(teacher)
    html = client.get(curriculum_url(paid_course)).content.decode()
    assert "aula-checklist__icon" in html
    css = Path("courses/static/courses/css/builder.css").read_text()
    assert ".aula-checklist__icon" in css and "width: 1.25rem" in css


def test_a_submitted_course_shows_its_state_instead_of_the_submit_button(client, teacher, catalog):
    course = factories.build_course(sections=1, resources_per_section=1, title="New", slug="new", owner=teacher)
    course.instructors.add(teacher)
    course.title, course.summary = "New, changed", "A summary."
    course.cover_image = wagtail_factories.ImageFactory()
    course.save_revision(user=teacher)
    client.force_login(teacher)
    response = client.post(reverse("course_builder:submit", args=(course.pk,)), follow=True)
    html = response.content.decode()
    assert "submitted for review (the course page only)" in html  # never "0 changed pages"
    assert "disabled>Submitted for review</button>" in html
    assert "Submit course for review</button>" not in html
    assert "m.." not in html and ". ." not in html
