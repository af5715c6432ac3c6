"""Bulk upload in the course builder: files dropped on a section become draft resources,
one per video, audio or PDF, titled after the file, with its duration measured and its
file in the course's collection; a ``.vtt`` named like a video or an audio becomes that
resource's captions.

Each file is checked by the rules every upload follows (courses/uploads.py: extension AND
content, size limit, a readable duration) before anything is written, and each is created
in its own transaction: a refused file leaves no page, no media row and no stored file,
and does not stop the others. Every file gets its own message.
"""

import math
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from .builder import _add_draft
from .course_collections import ensure_course_collection
from .exceptions import CourseError, CurriculumError
from .media_duration import MediaInfo, read_media_info
from .models import CaptionTrack, CourseMedia, ResourcePage, SectionPage
from .uploads import AUDIO_TYPES, VIDEO_TYPES, extension_of, validate_document_file, validate_media_file

DEFAULT_MAX_FILES = 20


def max_files():
    return getattr(settings, "AULA_BULK_UPLOAD_MAX_FILES", DEFAULT_MAX_FILES)


@dataclass
class FileResult:
    name: str
    ok: bool
    message: str
    page: ResourcePage | None = None

    def as_dict(self):
        return {"name": self.name, "ok": self.ok, "message": self.message, "page": self.page.pk if self.page else None}


def kind_of(name):
    """'video', 'audio', 'pdf', 'captions' or None, by the file's extension (a .webm is a video)."""
    ext = extension_of(name)
    if ext in VIDEO_TYPES:
        return "video"
    if ext in AUDIO_TYPES:
        return "audio"
    return {"pdf": "pdf", "vtt": "captions"}.get(ext)


def title_from(name):
    """'01_kneading-the-dough.mp4' -> '01 kneading the dough'."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    title = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return (title[:1].upper() + title[1:])[:255] or _("Untitled")


def _stem(name):
    return os.path.splitext(os.path.basename(name or ""))[0].strip().lower()


def upload_to_section(course, section_id, files, user):
    """Draft resources in the section for ``files`` (uploaded files). Returns a FileResult per file."""
    section = SectionPage.objects.child_of(course).filter(pk=section_id).first()
    if section is None:
        raise CurriculumError(_("This section is not part of this course."))
    if not files:
        raise CurriculumError(_("Choose or drop the files to upload."))
    if len(files) > max_files():
        message = _("Not uploaded: at most %(count)s files at once. Upload them in smaller groups.")
        return [FileResult(file.name, False, message % {"count": max_files()}) for file in files]
    by_stem = {_stem(file.name): file for file in files if kind_of(file.name) in ("video", "audio")}
    results = []
    for file in files:
        kind = kind_of(file.name)
        if kind == "captions":
            partner = by_stem.get(_stem(file.name))
            if partner is None:
                results.append(FileResult(file.name, False, _("Not uploaded: no video or audio of the same name.")))
            continue  # attached with its video or audio below
        captions = next((f for f in files if kind_of(f.name) == "captions" and _stem(f.name) == _stem(file.name)), None)
        results.append(_one_file(course, section, file, kind, captions, user))
    return results


def _one_file(course, section, file, kind, captions, user):
    try:
        page = _create_resource(course, section, file, kind, captions, user)
    except ValidationError as error:
        return FileResult(file.name, False, _("Not uploaded: %(reason)s") % {"reason": " ".join(error.messages)})
    except CourseError as error:
        return FileResult(file.name, False, _("Not uploaded: %(reason)s") % {"reason": error.message})
    message = _("Added as a draft: “%(title)s”.") % {"title": page.title}
    if captions is not None:
        message += " " + _("Captions attached from %(name)s.") % {"name": captions.name}
    return FileResult(file.name, True, message, page)


def _check(file, kind, captions):
    """Every rule of a single upload, before anything is written. Returns what was measured."""
    if kind is None:
        raise ValidationError(_("only videos, audios, PDFs and their .vtt captions can be dropped here."))
    if kind == "pdf":
        if captions is not None:
            raise ValidationError(_("captions go with a video or an audio, not a PDF."))
        validate_document_file(file)
        return MediaInfo(duration=0)
    validate_media_file(file, kind)
    info = read_media_info(file)
    if not info.duration:
        raise ValidationError(
            _("its duration could not be read. Upload it as MP4 (H.264/AAC), WebM, MP3, M4A, Ogg or WAV.")
        )
    if captions is not None:
        from .captions import validate_caption_file

        try:
            validate_caption_file(captions)
        except ValidationError as error:
            raise ValidationError(
                _("its captions (%(name)s) are refused: %(reason)s")
                % {"name": captions.name, "reason": " ".join(error.messages)}
            ) from None
    return info


def _may_add_files(user, collection):
    from .file_permissions import file_policy

    for model in (CourseMedia, get_document_model(), CaptionTrack):
        allowed = file_policy(model).collections_user_has_permission_for(user, "add")
        if not allowed.filter(pk=collection.pk).exists():
            raise CurriculumError(_("you cannot add files to this course's collection."))


def _create_resource(course, section, file, kind, captions, user):
    info = _check(file, kind, captions)
    if not section.permissions_for_user(user).can_add_subpage():
        raise CurriculumError(_("you cannot add pages to this section."))
    collection = course.collection or ensure_course_collection(course)
    _may_add_files(user, collection)
    title = title_from(file.name)
    stored = []
    try:
        with transaction.atomic():
            value = _block_value(course, kind, (file, info), captions, title, collection, user, stored)
            page = ResourcePage(title=title, body=[(kind, value)], estimated_minutes=math.ceil(info.duration / 60))
            return _add_draft(section, page, user)
    except Exception:
        for item in stored:  # the rows are rolled back; their files must go too
            item.file.delete(save=False)
        raise


def _block_value(course, kind, measured, captions, title, collection, user, stored):
    file, info = measured
    block = ResourcePage.body.field.stream_block.child_blocks[kind]
    if kind == "pdf":
        document = get_document_model()(title=title, file=file, collection=collection, uploaded_by_user=user)
        document.save()
        stored.append(document)
        return block.to_python({"title": title, "document": document.pk})
    media = CourseMedia(
        title=title, file=file, type=kind, collection=collection, uploaded_by_user=user, duration=info.duration,
        width=info.width if kind == "video" else None, height=info.height if kind == "video" else None,
    )  # fmt: skip
    media.save()
    stored.append(media)
    tracks = []
    if captions is not None:
        language = course.locale.language_code
        label = _label(language)
        track = CaptionTrack(title=title, file=captions, language=language, label=label, collection=collection)
        track.save()
        stored.append(track)
        tracks.append(track.pk)
    return block.to_python({"title": title, kind: media.pk, "captions": tracks})


def _label(language):
    from django.utils.translation import get_language_info

    try:
        return get_language_info(language)["name_local"].capitalize()
    except KeyError:
        return language
