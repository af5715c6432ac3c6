from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from core.tests.databases import full_text_search
from courses.models import ResourcePage
from courses.tests import factories

PASSWORD = "a-Strong-pass-2026"


@pytest.fixture(autouse=True)
def _indexed(search_index):
    """Every search test reads the index as production keeps it."""


@pytest.hookimpl(tryfirst=True)  # before pytest-django sorts transactional tests last
def pytest_collection_modifyitems(items):
    """Every search test is a ``full_text_search`` test (core/tests/databases.py)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(full_text_search, append=False)


SPOKEN_VTT = """WEBVTT

00:00:00.000 --> 00:00:03.000
Welcome to the course.

00:00:03.000 --> 00:00:06.500
Today we talk about photosynthesis in green leaves.

00:01:23.000 --> 00:01:27.000
Chlorophyll absorbs the light.
"""


def caption_track(text=SPOKEN_VTT, **kwargs):
    return factories.CaptionTrackFactory(file=ContentFile(text.encode(), name="spoken.vtt"), **kwargs)


def video_body(track, text=None):
    video = factories.CourseMediaFactory()
    body = [("video", {"title": "Lecture", "video": video, "poster": None, "captions": [track]})]
    if text:
        body.append(("rich_text", text))
    return body


@pytest.fixture
def botany(db, django_capture_on_commit_callbacks):
    """A paid, auditable course with: a free-preview video lesson whose captions mention
    photosynthesis, a paid reading whose body mentions photosynthesis, a paid video with
    captions, and a graded lesson."""
    teacher = factories.instructor(email="teacher@example.org", password=PASSWORD)
    course = factories.build_course(
        title="Botany basics", slug="botany", price="30.00", owner=teacher, audit_allowed=True,
        summary="Plants, leaves and photosynthesis for beginners.",
    )  # fmt: skip
    course.instructors.add(teacher)
    course.save()
    preview, reading, paid_video, graded = ResourcePage.objects.descendant_of(course).order_by("path")
    # Background jobs (django-q2, in-process in tests) run when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        preview.title = "Leaves and light"
        preview.body = video_body(caption_track())
        factories.publish(preview)
        reading.title = "Reading on sugars"
        reading.body = [("rich_text", "<p>Secret paid text: photosynthesis makes glucose.</p>")]
        factories.publish(reading)
        paid_video.title = "Paid lecture"
        paid_video.body = video_body(
            caption_track("WEBVTT\n\n00:00:10.000 --> 00:00:12.000\nPaid spoken photosynthesis secret.\n")
        )
        factories.publish(paid_video)
        graded.title = "Graded quiz on photosynthesis"
        graded.body = [("graded_exercise", "Name the pigment.")]
        factories.publish(graded)
    return {
        "course": course, "teacher": teacher, "preview": preview, "reading": reading, "paid_video": paid_video,
        "graded": graded,
    }  # fmt: skip


def search(client, query, **filters):
    response = client.get("/en/search/", {"q": query, **filters})
    assert response.status_code == 200
    return response


def result_titles(response):
    return [result.page.title for result in response.context["results"]]


def result_for(response, page):
    return next(result for result in response.context["results"] if result.page.pk == page.pk)


@pytest.fixture
def catalog(db):
    return factories.catalog()
