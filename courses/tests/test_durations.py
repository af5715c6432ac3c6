"""Durations tell one story (courses/duration.py): a lesson with media lasts what its media
measure (a 6-second clip is "6 s", not its author's "5 min"), an estimate counts only where
nothing can be measured, and the course's total is the same on its page, the catalog card,
the certificate (PDF), the verification page and the credential."""

import json
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clip_course(catalog, teacher):
    """One section: a 6-second video (its author guessed 5 min) and a reading of 5 min."""
    course = factories.build_course(
        title="Short clips", slug="short-clips", price=0, sections=1, resources_per_section=2, estimated_hours=9,
        free_preview_first=False, owner=teacher,
    )  # fmt: skip
    video_resource, _reading = ResourcePage.objects.descendant_of(course).order_by("path")
    clip = factories.CourseMediaFactory(file=ContentFile(factories.mp4_bytes(seconds=6), name="clip.mp4"), duration=6)
    video_resource.title = "The clip"
    video_resource.estimated_minutes = 5
    video_resource.body = [("video", {"title": "Clip", "video": clip, "poster": None, "captions": []})]
    factories.publish(video_resource)
    return course


def resource(course, title):
    return ResourcePage.objects.descendant_of(course).get(title=title)


def test_a_lesson_with_media_shows_its_measured_duration(client, clip_course, student):
    from courses.learning.enrollment import Source, enroll

    enroll(student, clip_course, Source.FREE)
    client.force_login(student)
    html = client.get(resource(clip_course, "The clip").url).content.decode()
    header = html.split("data-aula-duration>", 1)[1].split("</span>", 2)
    assert "6 s" in "".join(header[:2])
    assert "5 min" not in "".join(header[:2])


def test_the_outline_shows_measured_and_estimated_lessons(client, clip_course):
    html = client.get(clip_course.url).content.decode()
    assert '<span class="outline-meta">6 s</span>' in html
    assert '<span class="outline-meta">5 min</span>' in html  # the reading: its estimate


def test_the_course_is_its_lessons_on_the_page_and_the_card(client, clip_course):
    page = client.get(clip_course.url).content.decode()
    card = client.get(factories.catalog().url).content.decode()
    assert "5 min 6 s" in page and "5 min 6 s" in card
    assert "9 hours" not in page and "9 hours" not in card  # the course's own estimate: only without lessons


def test_the_course_estimate_applies_when_nothing_is_measured_or_estimated(client, catalog):
    course = factories.build_course(title="Estimated", slug="estimated", estimated_hours=3, price=0)
    ResourcePage.objects.descendant_of(course).update(estimated_minutes=0)
    assert "3 hours" in client.get(course.url).content.decode()


def test_a_new_file_for_the_media_re_measures_its_lessons(client, clip_course):
    clip = resource(clip_course, "The clip").body[0].value["video"]
    clip.duration = 95
    clip.save()
    assert resource(clip_course, "The clip").media_seconds == 95
    html = client.get(clip_course.url).content.decode()
    assert '<span class="outline-meta">1 min 35 s</span>' in html  # renewed, not a stale cached outline


def test_durations_read_as_people_say_them():
    from django.utils import translation

    from courses.duration import format_duration

    assert [format_duration(s) for s in (0, None, "x", 6, 59.6, 90, 600, 2700, 4800, 10800)] == [
        "", "", "", "6 s", "1 min", "1 min 30 s", "10 min", "45 min", "1 h 20 min", "3 hours",
    ]  # fmt: skip
    with translation.override("es"):
        assert format_duration(10800) == "3 horas"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_certificate_tells_the_same_duration(
    client, clip_course, student, settings, tmp_path, django_capture_on_commit_callbacks
):
    from certificates.models import Certificate
    from certificates.tests.factories import complete_course

    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(student, clip_course)
    certificate = Certificate.objects.get(user=student)
    verification = client.get(certificate.verification_path()).content.decode()
    assert 'data-aula-fact="duration">5 min 6 s<' in verification
    client.force_login(student)
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "5 min 6 s" in text
    credential = json.loads(
        client.get(reverse("certificate_credential", args=[certificate.display_code, "json"])).content
    )
    assert credential["credentialSubject"]["achievement"]["creditsAvailable"] == round(306 / 3600, 2)


def test_a_lesson_whose_media_is_gone_falls_back_to_its_estimate(client, clip_course):
    lesson = resource(clip_course, "The clip")
    lesson.body[0].value["video"].delete()
    factories.publish(resource(clip_course, "The clip"))
    assert resource(clip_course, "The clip").media_seconds == 0
    html = client.get(clip_course.url).content.decode()
    assert '<span class="outline-meta">6 s</span>' not in html
    assert html.count('<span class="outline-meta">5 min</span>') == 2  # both lessons: their estimates
