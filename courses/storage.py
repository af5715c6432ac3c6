"""Where uploaded files live, and what happens when the disk is full.

Course video, audio and caption files are stored under ``AULA_PRIVATE_MEDIA_ROOT``
(default: a sibling of MEDIA_ROOT named ``<MEDIA_ROOT>-private``). Nothing maps that
folder to a URL: the only way to read a file is Aula's media view (courses/views/files.py),
which asks courses.access first. Documents and images live under ``MEDIA_ROOT``
(``SiteMediaStorage``, the default storage); the images of a course's collection in a
folder of their own that no web server serves (courses/course_images.py).

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
from django.core.files.storage import FileSystemStorage
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


@deconstructible
class SiteMediaStorage(RemovesFailedWrites, FileSystemStorage):
    """The default storage: ``MEDIA_ROOT``, as Django's, with failed writes removed; the
    files of course images (courses/course_images.py) are linked through Aula's image view."""

    def url(self, name):
        from .course_images import parse_course_image_name

        course_image = parse_course_image_name(name)
        if course_image is not None:
            return reverse("courses:image_file", args=course_image)
        return super().url(name)


def private_media_root():
    if settings.AULA_PRIVATE_MEDIA_ROOT:
        return os.path.abspath(settings.AULA_PRIVATE_MEDIA_ROOT)
    return os.path.abspath(str(settings.MEDIA_ROOT).rstrip("/\\") + "-private")


@deconstructible
class PrivateMediaStorage(RemovesFailedWrites, FileSystemStorage):
    """A file system storage whose folder follows the settings (tests change MEDIA_ROOT)
    and which has no public URL."""

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


private_storage = PrivateMediaStorage()
