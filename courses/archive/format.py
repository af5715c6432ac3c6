"""The course archive format: its name, version, layout and the limits an import checks.

A course archive is a zip file::

    manifest.json                         the course: pages, blocks, files, translations
    files/<kind>/<number>/<file name>     each file the course uses (kind: media, caption,
                                          document, image)

Every field is described in docs/developers/course-archive.md. A change that an older
importer could misread gets a new ``VERSION``; an importer refuses versions it does not
know (``SUPPORTED_VERSIONS``).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..exceptions import CourseError

FORMAT = "aula-course"
VERSION = 1
SUPPORTED_VERSIONS = {1}
MANIFEST = "manifest.json"
FILES_FOLDER = "files"

# The kinds of file an archive holds, and the folder each is kept in.
MEDIA, CAPTION, DOCUMENT, IMAGE = "media", "caption", "document", "image"
FILE_KINDS = (MEDIA, CAPTION, DOCUMENT, IMAGE)

# Page types, as the manifest names them.
COURSE, SECTION, RESOURCE = "course", "section", "resource"

MIB = 1024 * 1024


def limit(name):
    """An import limit: the setting ``AULA_COURSE_ARCHIVE_<NAME>`` or its default."""
    defaults = {
        # The archive as the admin's import form accepts it: the upload limit (the web
        # server's request limit matches it). Larger archives go through import_course.
        "MAX_UPLOAD_SIZE": settings.AULA_MAX_UPLOAD_SIZE,
        # The archive as import_course accepts it (compressed): a course with GBs of video fits.
        "MAX_SIZE": 8 * 1024 * MIB,
        # Every file unpacked, added up.
        "MAX_UNPACKED_SIZE": 10 * 1024 * MIB,
        # The manifest alone.
        "MAX_MANIFEST_SIZE": 64 * MIB,
        "MAX_ENTRIES": 20000,
        # Unpacked / packed size of one entry above 1 MiB: more is a zip bomb (media and
        # images are stored as they are; text compresses 5–20 times).
        "MAX_RATIO": 100,
    }
    return getattr(settings, f"AULA_COURSE_ARCHIVE_{name}", defaults[name])


class ArchiveError(CourseError):
    """An archive was refused, or could not be imported: nothing was written."""


def file_id(kind, number):
    return f"{kind}-{number}"


def file_path(kind, number, filename):
    return f"{FILES_FOLDER}/{kind}/{number}/{filename}"


REFUSED_VERSION = _(
    "This archive is in version %(version)s of the course archive format; this site reads version %(known)s. "
    "Export the course again from an Aula site of the same version."
)
