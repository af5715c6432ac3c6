"""The demo on a machine without ffmpeg (it seeds its own: the rest of the demo's tests
share one seed, in home/tests/demo/)."""

import pytest
from django.core.management import call_command

from courses.models import CourseMedia, CoursePage

pytestmark = [
    pytest.mark.django_db,
]


def test_seed_has_video_and_audio_on_a_machine_without_ffmpeg(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no ffmpeg, no ffprobe
    call_command("seed_demo")
    assert CourseMedia.objects.filter(type="video").count() == 4  # the events demo's recording is the fourth
    assert CourseMedia.objects.filter(type="audio").count() == 3
    assert {round(m.duration) for m in CourseMedia.objects.all()} == {6, 8}  # read by mutagen
    course = CoursePage.objects.get(slug="python-from-scratch", locale__language_code="en")
    assert course.intro_video is not None and len(course.learning_outcomes) == 3
