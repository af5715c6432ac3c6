"""Course files belong to their course (issue 7).

- Caption tracks get a collection (CollectionMember). An existing track goes into the
  collection of the course whose pages use it, when exactly one course does; otherwise it
  stays in the root collection, where only administrators see it.
- Caption-track rights become collection grants (courses/file_permissions.py narrows the
  Instructors' grants to the collections of the courses each one teaches): Instructors
  add, change, view and delete caption tracks in the Courses collection, Moderators change
  and view them; the model-wide grants of migration 0002 are withdrawn.
- Instructors may also change media and documents in the Courses collection (that is,
  their own courses' files, whoever uploaded them).
"""

import django.db.models.deletion
import wagtail.models.media
from django.db import migrations, models

from accounts.role_grants import ensure_permissions, grant_collection_permissions
from accounts.roles import INSTRUCTORS, MODERATORS

INSTRUCTOR_GRANTS = [
    "courses.add_captiontrack", "courses.change_captiontrack", "courses.view_captiontrack",
    "courses.delete_captiontrack", "wagtailmedia.change_media", "wagtaildocs.change_document",
]  # fmt: skip
MODERATOR_GRANTS = ["courses.change_captiontrack", "courses.view_captiontrack"]
MODEL_WIDE = ["add_captiontrack", "change_captiontrack", "view_captiontrack"]


def _course_collection_of(apps, track, caption_type, page_type, courses):
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=caption_type, to_object_id=str(track.pk), base_content_type=page_type
    ).values_list("object_id", flat=True)
    collections = set()
    for path in Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).values_list("path", flat=True):
        collections.update(collection_id for course_path, collection_id in courses if path.startswith(course_path))
    return collections.pop() if len(collections) == 1 else None


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    CaptionTrack = apps.get_model("courses", "CaptionTrack")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    caption_type = ContentType.objects.get_for_model(CaptionTrack)
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    courses = list(
        apps.get_model("courses", "CoursePage")
        .objects.filter(collection__isnull=False)
        .values_list("path", "collection_id")
    )
    for track in CaptionTrack.objects.all():
        collection_id = _course_collection_of(apps, track, caption_type, page_type, courses)
        if collection_id:
            CaptionTrack.objects.filter(pk=track.pk).update(collection_id=collection_id)

    courses_collection = Collection.objects.filter(depth=2, name="Courses").first()
    if courses_collection is not None:
        grant_collection_permissions(apps, INSTRUCTORS, courses_collection, INSTRUCTOR_GRANTS)
        grant_collection_permissions(apps, MODERATORS, courses_collection, MODERATOR_GRANTS)
    model_wide = Permission.objects.filter(content_type=caption_type, codename__in=MODEL_WIDE)
    for group in Group.objects.filter(name__in=[INSTRUCTORS, MODERATORS]):
        group.permissions.remove(*model_wide)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_remove_coursepage_certificate_template"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="captiontrack",
            name="collection",
            field=models.ForeignKey(
                default=wagtail.models.media.get_root_collection_id,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.collection",
                verbose_name="collection",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
