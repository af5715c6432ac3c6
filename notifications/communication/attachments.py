"""Attachments of private messages: documents (the course uploads' rules, by extension AND
content: ``courses.uploads``) and images (PNG, JPEG, GIF, WebP, by content too), at most
``AULA_MESSAGE_ATTACHMENT_MAX_SIZE`` bytes (10 MB by default). Stored in private storage,
served only to the thread's readers (``views.attachment``)."""

import mimetypes
import os
import uuid

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from courses.uploads import DOCUMENT_EXTENSIONS, extension_of, validate_document_file

from .exceptions import CommunicationError

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
IMAGE_TYPES = {"png": {"png"}, "jpg": {"jpg"}, "jpeg": {"jpg"}, "gif": {"gif"}, "webp": {"webp"}}
EXTENSIONS = [*DOCUMENT_EXTENSIONS, *IMAGE_TYPES]


def max_size():
    return getattr(settings, "AULA_MESSAGE_ATTACHMENT_MAX_SIZE", DEFAULT_MAX_SIZE)


def validate(file):
    """Raise ``CommunicationError`` unless ``file`` is an allowed attachment."""
    if file.size is not None and file.size > max_size():
        raise CommunicationError(
            _("This file is %(size)s; the largest attachment accepted is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_size())}
        )
    ext = extension_of(file.name)
    try:
        if ext in IMAGE_TYPES:
            _validate_image(file, ext)
        elif ext in DOCUMENT_EXTENSIONS:
            validate_document_file(file)
        else:
            raise ValidationError(
                _("Files of type .%(ext)s are not accepted. Allowed: %(allowed)s.")
                % {"ext": ext or "?", "allowed": ", ".join(EXTENSIONS)}
            )
    except ValidationError as error:
        raise CommunicationError(" ".join(error.messages)) from None


def _validate_image(file, ext):
    position = file.tell()
    file.seek(0)
    head = file.read(8192)
    file.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in IMAGE_TYPES[ext]:
        raise ValidationError(
            _("This file is named .%(ext)s but its content is not a .%(ext)s image; attach a real .%(ext)s file.")
            % {"ext": ext}
        )


def display_name(name):
    """The name shown and offered on download: the file's own, made safe."""
    base = os.path.basename(name or "")[-120:]
    try:
        return get_valid_filename(base)
    except SuspiciousFileOperation:  # a name of only dots or symbols
        return "attachment." + extension_of(name)


def stored_name(name):
    """A name nobody can guess or collide with, keeping the extension."""
    return f"{uuid.uuid4().hex}.{extension_of(name)}"


def content_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
