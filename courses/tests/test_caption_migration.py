"""Migration 0006 puts existing caption tracks in the collection of the course that uses
them; a track no course (or more than one course) uses stays in the root collection."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Collection

from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("courses.migrations.0006_caption_track_collection")


def use(resource, track):
    resource.body = [("video", {"video": factories.CourseMediaFactory(), "captions": [track]})]
    factories.publish(resource)


def test_existing_tracks_move_to_the_course_that_uses_them(paid_course, free_course):
    root = Collection.get_first_root_node()
    used, unused, shared = (factories.CaptionTrackFactory(collection=root) for _ in range(3))
    paid_resource = ResourcePage.objects.descendant_of(paid_course).first()
    free_resource = ResourcePage.objects.descendant_of(free_course).first()
    use(paid_resource, used)
    free_resource.body = [
        ("video", {"video": factories.CourseMediaFactory(), "captions": [shared]}),
    ]
    factories.publish(free_resource)
    other = ResourcePage.objects.descendant_of(paid_course).last()
    use(other, shared)

    migration.forwards(apps, None)

    for track in (used, unused, shared):
        track.refresh_from_db()
    assert used.collection_id == paid_course.collection_id
    assert unused.collection_id == root.pk
    assert shared.collection_id == root.pk
