"""Upload checks for course files: allowed by extension AND by content, within the size
limit. Used by the wagtailmedia and Wagtail documents forms (settings
``WAGTAILMEDIA["MEDIA_FORM_BASE"]`` and ``WAGTAILDOCS_DOCUMENT_FORM_BASE``), so the admin's
add, edit, multiple-upload and chooser-upload views all refuse a bad file before anything
is written: no file on disk, no row.
"""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtailmedia.forms import BaseMediaForm

from .media_duration import read_media_info

# Extension -> what the first bytes may say the file is (filetype's extension names).
# Containers are shared: an .m4a is an MP4 file, an .ogv and an .ogg are both Ogg.
VIDEO_TYPES = {
    "mp4": {"mp4", "m4v", "mov", "3gp"},
    "m4v": {"mp4", "m4v", "mov"},
    "mov": {"mov", "mp4", "m4v"},
    "webm": {"webm", "mkv"},
    "ogv": {"ogg"},
}
AUDIO_TYPES = {
    "mp3": {"mp3"},
    "m4a": {"m4a", "mp4", "m4v"},
    "ogg": {"ogg"},
    "wav": {"wav"},
    "webm": {"webm", "mkv"},
}
# Documents: PDF, plain text and the usual office/e-book formats (all ZIP containers).
ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip", "epub"}
TEXT_FORMATS = {"txt", "csv"}
DOCUMENT_EXTENSIONS = ["pdf", *sorted(TEXT_FORMATS), *sorted(ZIP_FORMATS)]

_HTML_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<?xml", b"<svg", b"<iframe")
_SNIFF_BYTES = 8192


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(file):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(_SNIFF_BYTES)
    file.seek(position)
    return head


def check_size(file):
    limit = settings.AULA_MAX_UPLOAD_SIZE
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _looks_like_html(head):
    return head.lstrip()[:16].lower().startswith(_HTML_STARTS)


def _refuse_content(ext, detected):
    what = detected or _("something else")
    return ValidationError(
        _("This file is named .%(ext)s but its content is %(what)s; upload a real .%(ext)s file.")
        % {"ext": ext, "what": what},
        code="content_mismatch",
    )


def _describe(head):
    if head[:2] == b"MZ" or head[:4] == b"\x7fELF" or head[:4] in (b"\xfe\xed\xfa\xce", b"\xcf\xfa\xed\xfe"):
        return _("a program (executable)")
    if _looks_like_html(head):
        return _("a web page (HTML)")
    kind = filetype.guess(head)
    return f"“{kind.extension}”" if kind else None


def validate_media_file(file, media_type):
    """A video or audio upload: allowed extension for its type and matching content."""
    check_size(file)
    types = VIDEO_TYPES if media_type == "video" else AUDIO_TYPES
    ext = extension_of(file.name)
    if ext not in types:
        raise ValidationError(
            _("Files of type .%(ext)s are not accepted here. Allowed: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(sorted(types))},
            code="extension",
        )
    head = _head(file)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in types[ext]:
        raise _refuse_content(ext, _describe(head))


def validate_document_file(file):
    """A document upload: allowed extension and matching content (a PDF starts with %PDF,
    office files are ZIP containers, text files are UTF-8 text without markup)."""
    check_size(file)
    ext = extension_of(file.name)
    if ext not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("Files of type .%(ext)s are not accepted. Allowed: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(DOCUMENT_EXTENSIONS)},
            code="extension",
        )
    head = _head(file)
    if ext == "pdf":
        ok = head.lstrip()[:5] == b"%PDF-"
    elif ext in ZIP_FORMATS:
        ok = head[:4] == b"PK\x03\x04"
    else:
        ok = b"\x00" not in head and not _looks_like_html(head) and _is_utf8_prefix(head)
    if not ok:
        raise _refuse_content(ext, _describe(head))


def _is_utf8_prefix(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut at the end of the sniffed block.
        return error.start >= len(data) - 3
    return True


def _new_upload(form):
    """The newly uploaded file, or None when the form keeps the current one."""
    return form.files.get(form.add_prefix("file")) if form.files else None


class CheckedUploadMixin:
    """Upload checks for a Wagtail file form; new files go to the uploader's most recent
    course collection by default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_course_collection(self, kwargs.get("user"))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and _new_upload(self) is not None:
            self.validate_upload(file)
        return file


class MediaUploadForm(CheckedUploadMixin, BaseMediaForm):
    """wagtailmedia's form with Aula's upload checks. Duration, width and height are read
    from the file (courses/media_duration.py), never typed: the fields are read-only, and
    a file whose duration cannot be read is refused with the reason."""

    MEASURED = ("duration", "width", "height")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.MEASURED:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].required = False
                self.fields[name].help_text = _("Measured from the file when it is uploaded.")

    def validate_upload(self, file):
        validate_media_file(file, self.instance.type)
        self.measured = read_media_info(file)
        if not self.measured.duration:
            raise ValidationError(
                _(
                    "The duration of this file could not be read, so students' progress could not be "
                    "measured. Upload it as MP4 (H.264/AAC), WebM, MP3, M4A, Ogg or WAV."
                ),
                code="unreadable_duration",
            )

    def clean(self):
        cleaned_data = super().clean()
        measured = getattr(self, "measured", None)
        if measured is None:  # no new file (or a refused one): what was measured stays
            return cleaned_data
        cleaned_data["duration"] = measured.duration
        if self.instance.type == "video":
            cleaned_data["width"], cleaned_data["height"] = measured.width, measured.height
        return cleaned_data


class DocumentUploadForm(CheckedUploadMixin, BaseDocumentForm):
    """Wagtail's document form with Aula's upload checks."""

    def validate_upload(self, file):
        validate_document_file(file)


def default_course_collection(form, user):
    """A new file starts in the user's most recent course collection."""
    field = form.fields.get("collection")
    if field is None or form.instance.pk or user is None or not user.is_authenticated:
        return
    from .course_collections import latest_course_collection_for

    collection = latest_course_collection_for(user)
    if collection is not None:
        form.initial["collection"] = collection.pk
