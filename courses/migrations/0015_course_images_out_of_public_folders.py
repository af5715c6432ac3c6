"""Images already in a course's collection (other than courses' covers) leave Wagtail's
public folders for the course images folder (courses/course_images.py); their renditions
are made again there when next shown. Files missing on disk are left as they are."""

import posixpath

from django.db import migrations, transaction
from django.db.models import Q

COURSE_IMAGES_FOLDER = "course_images"  # as courses/course_images.py, at the time of writing


def move_course_images(apps, schema_editor):
    from django.core.files.storage import default_storage
    from wagtail.images import get_image_model

    image_model = apps.get_model("wagtailimages", "Image")
    course_page = apps.get_model("courses", "CoursePage")
    collection = apps.get_model("wagtailcore", "Collection")
    course_collections = collection.objects.filter(
        pk__in=course_page.objects.exclude(collection=None).values("collection_id")
    ).values_list("path", flat=True)
    in_a_course = Q(pk__in=[])
    for path in course_collections:
        in_a_course |= Q(collection__path__startswith=path)
    # Wagtail's own model deletes the renditions: its signals remove their files and cache entries.
    renditions = get_image_model().get_rendition_model().objects
    max_length = image_model._meta.get_field("file").max_length
    covers = course_page.objects.exclude(cover_image=None).values("cover_image_id")
    moving = image_model.objects.filter(in_a_course).exclude(pk__in=covers)
    for image in moving.exclude(file__startswith=f"{COURSE_IMAGES_FOLDER}/"):
        old = image.file.name
        try:
            with default_storage.open(old, "rb") as content:
                target = posixpath.join(COURSE_IMAGES_FOLDER, str(image.pk), posixpath.basename(old))
                new = default_storage.save(target, content, max_length=max_length)
        except FileNotFoundError:
            continue
        image_model.objects.filter(pk=image.pk).update(file=new)
        renditions.filter(image_id=image.pk).delete()
        transaction.on_commit(lambda old=old: default_storage.delete(old))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0014_landing_page"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_course_images, migrations.RunPython.noop)]
