"""Where uploaded files live, and what happens when the disk is full.

Two storages, both named in ``STORAGES``: ``"default"`` (images and their renditions,
documents) and ``"private"`` (course video, audio and captions, slide decks, message
attachments, certificate, receipt and invoice PDFs). On one machine they are folders:
``MEDIA_ROOT`` (``SiteMediaStorage``) and ``AULA_PRIVATE_MEDIA_ROOT`` (default: a sibling
of MEDIA_ROOT named ``<MEDIA_ROOT>-private``, ``PrivateFileSystemStorage``); with
``MEDIA_STORAGE=s3`` they are object storage (courses/object_storage.py), so hosts share
no disk. Nothing maps the private files to a URL: the only way to read one is a view that
asks courses.access first (courses/views/files.py). The images of a course's collection
live in a folder of their own of the default storage that nobody serves
(courses/course_images.py). Code reaches a file through its model field's storage or
``storages[...]``, never through a path on disk.

Every file storage of the site removes what a failed write left behind: a full disk (or a
quota) in the middle of an upload leaves no partial file keeping the disk full, and raises
``StorageFull``, which the person uploading reads as a message (courses/admin_refusals.py)
instead of a 500. The request's transaction is rolled back, so no row points to the file.
"""

import contextvars
import errno
import logging
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from .exceptions import StorageFull

logger = logging.getLogger(__name__)

# errno values that mean "no room for this file".
NO_ROOM = {errno.ENOSPC, errno.EDQUOT}

# The name the storage chose for the file being written in this context (Storage.save
# asks get_available_name for it, and FileSystemStorage asks again when it loses a race
# for a name): the one file a failed write may have started.
_writing = contextvars.ContextVar("aula_storage_writing", default=None)


class RemovesFailedWrites:
    """Storage mixin: a write that fails part-way removes its partial file; a full disk
    becomes ``StorageFull``."""

    def save(self, name, content, max_length=None):
        chosen = []
        token = _writing.set(chosen)
        try:
            return super().save(name, content, max_length=max_length)
        except OSError as error:
            if chosen and not isinstance(error, FileExistsError):
                self._remove_partial(chosen[-1])
            if error.errno in NO_ROOM:
                logger.error("No room to store %s (%s): nothing was kept", chosen[-1] if chosen else name, error)
                raise StorageFull() from error
            raise
        finally:
            _writing.reset(token)

    def get_available_name(self, name, max_length=None):
        name = super().get_available_name(name, max_length=max_length)
        chosen = _writing.get()
        if chosen is not None:
            chosen.append(name)
        return name

    def _remove_partial(self, name):
        try:
            self.delete(name)
        except OSError:
            logger.exception("Could not remove the partial file %s", name)


class LinksCourseImages:
    """Storage mixin for the default storage: the files of course images
    (courses/course_images.py) are linked through Aula's image view, never directly."""

    def url(self, name, *args, **kwargs):
        from .course_images import parse_course_image_name

        course_image = parse_course_image_name(name)
        if course_image is not None:
            return reverse("courses:image_file", args=course_image)
        return super().url(name, *args, **kwargs)


@deconstructible
class SiteMediaStorage(LinksCourseImages, RemovesFailedWrites, FileSystemStorage):
    """The default storage on one machine: ``MEDIA_ROOT``, as Django's, with failed writes
    removed and course images linked through Aula's image view."""


def private_media_root():
    if settings.AULA_PRIVATE_MEDIA_ROOT:
        return os.path.abspath(settings.AULA_PRIVATE_MEDIA_ROOT)
    return os.path.abspath(str(settings.MEDIA_ROOT).rstrip("/\\") + "-private")


@deconstructible
class PrivateFileSystemStorage(RemovesFailedWrites, FileSystemStorage):
    """The private storage on one machine: a folder that follows the settings (tests change
    MEDIA_ROOT) and has no public URL."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return private_media_root()

    @property
    def location(self):
        return private_media_root()

    @property
    def base_url(self):
        return None

    def url(self, name):
        """No public URL. Models link to their files through Aula's media view
        (``CourseMedia.url``, ``CaptionTrack.url``); form widgets get an empty link."""
        return ""


@deconstructible
class PrivateMediaStorage:
    """What the private files' model fields name: whichever storage ``STORAGES["private"]``
    is when the file is read or written (a folder, or object storage), so switching needs
    no migration and tests may switch with ``override_settings(STORAGES=...)``."""

    @property
    def backend(self):
        return storages["private"]

    def __getattr__(self, name):
        if name.startswith("__"):  # copy, pickle and friends ask the proxy itself
            raise AttributeError(name)
        return getattr(self.backend, name)


private_storage = PrivateMediaStorage()
