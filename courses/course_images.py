"""Images in a course's collection are that course's material, like its documents and video
(DESIGN.md, "Files belong to their course"): their original and every rendition are stored
under ``COURSE_IMAGES_FOLDER`` (in ``MEDIA_ROOT``, a folder the web server never serves)
and linked through Aula's image view (``courses:image_file``), which asks the access rule.
A course's cover is the shop window, public wherever it is kept; it and every image outside
course collections (the home page, the blog) stay in Wagtail's public ``original_images/``
and ``images/``, served as static files.

Where an image's files go is decided when they are written: Wagtail names them with the
image's and the rendition's ``get_upload_to``, which a custom image model overrides. Aula
keeps Wagtail's image model (every app points to it), so ``install()`` gives that model and
its renditions the two naming methods below, called from the courses app's ``ready()``.
An image that changes collection, or becomes (or stops being) a course's cover, has its
original moved and its renditions made afresh (``place``: on saving the image or a course,
and after the admin's bulk "Add to collection").
"""

import os
import posixpath
import re

from django.db import transaction
from django.db.models.signals import post_save, pre_save

COURSE_IMAGES_FOLDER = "course_images"
PUBLIC_ORIGINALS_FOLDER = "original_images"  # Wagtail's
# The only folders of the default storage anybody may read straight from its URL: Wagtail's
# public images and their renditions (lms_site/public_media.py, the object storage's bucket policy).
PUBLIC_IMAGE_FOLDERS = (PUBLIC_ORIGINALS_FOLDER, "images")
_NEW = "new"  # an image in a course collection, before it has an id

_COURSE_IMAGE_NAME = re.compile(rf"^{COURSE_IMAGES_FOLDER}/(\d+)/([^/]+)$")


def kept_private(image):
    """Whether ``image`` is course material: in a course's collection (or below it), and
    no course's cover."""
    from .access import courses_owning_file
    from .models import CoursePage

    if image.collection_id is None or not courses_owning_file(image):
        return False
    return image.pk is None or not CoursePage.objects.filter(cover_image=image).exists()


def stored_privately(name):
    return (name or "").startswith(COURSE_IMAGES_FOLDER + "/")


def course_image_folder(image_id):
    return f"{COURSE_IMAGES_FOLDER}/{image_id}"


def parse_course_image_name(name):
    """``(image id, file name)`` for a file of a course image, else None."""
    match = _COURSE_IMAGE_NAME.match(name or "")
    return (int(match[1]), match[2]) if match else None


def install():
    """Name the files of course images in their course folder (see the module docstring)."""
    from wagtail.images import get_image_model

    from .models import CoursePage

    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    if getattr(image_model, "_aula_course_images", False):
        return
    image_model._aula_course_images = True
    wagtail_image_upload_to = image_model.get_upload_to
    wagtail_rendition_upload_to = rendition_model.get_upload_to

    def image_upload_to(image, filename):
        name = wagtail_image_upload_to(image, filename)
        if not kept_private(image):
            return name
        return posixpath.join(course_image_folder(image.pk or _NEW), posixpath.basename(name))

    def rendition_upload_to(rendition, filename):
        name = wagtail_rendition_upload_to(rendition, filename)
        if not stored_privately(rendition.image.file.name):
            return name
        return posixpath.join(course_image_folder(rendition.image_id), posixpath.basename(name))

    image_model.get_upload_to = image_upload_to
    rendition_model.get_upload_to = rendition_upload_to
    post_save.connect(_place_saved_image, sender=image_model, dispatch_uid="aula-course-images")
    pre_save.connect(_remember_cover, sender=CoursePage, dispatch_uid="aula-course-images-cover")
    post_save.connect(_place_covers, sender=CoursePage, dispatch_uid="aula-course-images-cover")


def _place_saved_image(sender, instance, raw=False, **kwargs):
    if not raw and instance.file:
        place(instance)


def _remember_cover(sender, instance, raw=False, **kwargs):
    """The cover the course had before this save (it may go back to being private)."""
    if not raw and instance.pk:
        previous = sender.objects.filter(pk=instance.pk).values_list("cover_image_id", flat=True).first()
        instance._aula_previous_cover_id = previous


def _place_covers(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from wagtail.images import get_image_model

    previous = getattr(instance, "_aula_previous_cover_id", None)
    if previous == instance.cover_image_id:
        return
    ids = {instance.cover_image_id, previous} - {None}
    if ids:
        place_many(get_image_model().objects.filter(pk__in=ids))


def place(image):
    """Move ``image``'s original to where its collection says it belongs, and drop its
    renditions (made again, in the right place, when next shown). True if it moved."""
    if kept_private(image):
        folder = course_image_folder(image.pk)
        if posixpath.dirname(image.file.name) == folder:
            return False
    elif stored_privately(image.file.name):
        folder = PUBLIC_ORIGINALS_FOLDER
    else:
        return False
    _move_original(image, folder)
    image.renditions.all().delete()  # Wagtail removes their files and cached entries
    return True


def place_many(images):
    """``place`` for each image; True if any moved (after the bulk "Add to collection",
    which changes collections without saving each image)."""
    moved = False
    for image in images:
        moved = place(image) or moved
    return moved


def _move_original(image, folder):
    storage = image.file.storage
    old = image.file.name
    field = image._meta.get_field("file")
    with storage.open(old, "rb") as content:
        new = storage.save(posixpath.join(folder, os.path.basename(old)), content, max_length=field.max_length)
    type(image).objects.filter(pk=image.pk).update(file=new)
    image.file.name = new
    # The old file goes once the new name is committed; a rollback keeps it in use.
    transaction.on_commit(lambda: storage.delete(old))
