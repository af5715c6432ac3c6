"""Where course files live: a private folder that is never published at MEDIA_URL.

Course video, audio and caption files are stored under ``AULA_PRIVATE_MEDIA_ROOT``
(default: a sibling of MEDIA_ROOT named ``<MEDIA_ROOT>-private``). Nothing maps that
folder to a URL: the only way to read a file is Aula's media view (courses/views/files.py),
which asks courses.access first.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_media_root():
    if settings.AULA_PRIVATE_MEDIA_ROOT:
        return os.path.abspath(settings.AULA_PRIVATE_MEDIA_ROOT)
    return os.path.abspath(str(settings.MEDIA_ROOT).rstrip("/\\") + "-private")


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
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
