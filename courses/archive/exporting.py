"""The archive of a course (format.py; every field in docs/developers/course-archive.md).

``archive_chunks(course)`` yields the zip as it is written: each file is copied from
storage in chunks and the manifest (with each file's SHA-256) comes last, so memory stays
constant whatever the course's video weighs. The admin streams these chunks to the browser;
``manage.py export_course`` writes them to a file.

What is exported: the course, its sections and resources as their latest revision has them
(drafts included: what the instructor sees in the editor), every file they use and every
file in the course's collection, and each wagtail-localize translation of its pages (the
translated strings and the overridden values, per segment). Not exported: people
(instructors, enrollments, progress, attempts, reviews), whether the course is featured or
live, and its slug history. The archive holds the evaluations' answer keys: it is
staff-only material.
"""

import hashlib
import io
import zipfile
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from ..models import CaptionTrack, CourseMedia, CoursePage, ResourcePage, SectionPage
from . import format as fmt
from .references import Mapper, map_override, map_stream

CHUNK = 1024 * 1024

PAGE_TYPES = {CoursePage: fmt.COURSE, SectionPage: fmt.SECTION, ResourcePage: fmt.RESOURCE}
COMMON_FIELDS = ("title", "slug", "seo_title", "search_description")
PAGE_FIELDS = {
    fmt.COURSE: (
        "summary", "description", "level", "language", "price", "audit_allowed", "estimated_hours", "audience",
        "grading_days", "learning_outcomes", "requirements", "cover_image", "intro_video", "intro_captions",
    ),
    fmt.SECTION: ("introduction",),
    fmt.RESOURCE: ("requirement", "alternative_group", "free_preview", "estimated_minutes", "body"),
}  # fmt: skip
RICH_TEXT_FIELDS = {"description"}
FILE_FIELDS = {
    fmt.MEDIA: ("title", "type", "duration", "width", "height"),
    fmt.CAPTION: ("title", "language", "label"),
    fmt.DOCUMENT: ("title",),
    fmt.IMAGE: (
        "title", "description", "width", "height", "focal_point_x", "focal_point_y", "focal_point_width",
        "focal_point_height",
    ),
}  # fmt: skip


def file_models():
    return {
        fmt.MEDIA: CourseMedia,
        fmt.CAPTION: CaptionTrack,
        fmt.DOCUMENT: get_document_model(),
        fmt.IMAGE: get_image_model(),
    }


def kind_of_model(model):
    if model is not None and issubclass(model, Page):
        return "page"
    return next((kind for kind, cls in file_models().items() if model is not None and issubclass(model, cls)), None)


def course_pages(course):
    """The course and every section and resource below it, in tree order, each as its
    latest revision has it."""
    pages = [course, *Page.objects.descendant_of(course).order_by("path").specific()]
    return [page.get_latest_revision_as_object() if page.latest_revision_id else page for page in pages]


class _Collector(Mapper):
    """Exporting's mapper: every file a reference points to joins the archive."""

    def __init__(self, page_keys):
        self.page_keys = page_keys  # id -> translation key of the course's pages
        self.files = {}  # (kind, pk) -> object

    def add(self, kind, obj):
        self.files.setdefault((kind, obj.pk), obj)
        return fmt.file_id(kind, obj.pk)

    def chooser(self, model, value):
        kind = kind_of_model(model)
        pk = value.pk if hasattr(value, "pk") else value
        if kind == "page":
            key = self.page_keys.get(_int(pk))
            return {"page": key} if key else None
        if kind is None:
            return None
        obj = model.objects.filter(pk=_int(pk)).first()
        return {"file": self.add(kind, obj)} if obj is not None else None

    def rich_text_id(self, kind, value):
        if kind == "page":
            key = self.page_keys.get(_int(value))
            return f"page-{key}" if key else ""
        model = file_models()[fmt.DOCUMENT if kind == "document" else fmt.IMAGE]
        obj = model.objects.filter(pk=_int(value)).first()
        return self.add(kind, obj) if obj is not None else ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _page_entry(page, collector, parent_key):
    kind = PAGE_TYPES[type(page)]
    fields = {name: getattr(page, name) for name in COMMON_FIELDS}
    for name in PAGE_FIELDS[kind]:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if hasattr(field, "stream_block"):
            fields[name] = map_stream(field.stream_block, value.raw_data, collector)
        elif field.many_to_many:
            fields[name] = [collector.chooser(field.related_model, item.pk) for item in value.all()]
        elif field.many_to_one:
            fields[name] = collector.chooser(field.related_model, getattr(page, field.attname))
        elif name in RICH_TEXT_FIELDS:
            fields[name] = collector.rich_text(value)
        else:
            fields[name] = value
    return {"key": str(page.translation_key), "parent": parent_key, "type": kind, "fields": fields}


def _translations(pages, collector):
    """Each language's wagtail-localize translation of the course's pages: per page, the
    translated text of each string segment and each overridden value (files remapped)."""
    from wagtail_localize.models import SegmentOverride, StringSegment, StringTranslation, Translation

    by_key = {str(page.translation_key): page for page in pages}
    translations = Translation.objects.filter(
        source__object_id__in=list(by_key), source__locale=pages[0].locale
    ).select_related("source", "target_locale")
    languages = {}
    for translation in translations.order_by("target_locale__language_code", "source__object__translation_key"):
        page = by_key[str(translation.source.object_id)]
        if not Page.objects.filter(translation_key=page.translation_key, locale=translation.target_locale).exists():
            continue
        segments = list(StringSegment.objects.filter(source=translation.source).select_related("string", "context"))
        translated = {
            (item.translation_of_id, item.context_id): item.data
            for item in StringTranslation.objects.filter(
                locale=translation.target_locale, translation_of__in=[s.string for s in segments],
                context__in=[s.context for s in segments],
            )
        }  # fmt: skip
        strings = [
            {"context": s.context.path, "source": s.string.data, "translation": translated[(s.string_id, s.context_id)]}
            for s in segments
            if (s.string_id, s.context_id) in translated
        ]
        overrides = [
            {"context": o.context.path, "value": map_override(page, o.context.path, o.data, collector)}
            for o in SegmentOverride.objects.filter(
                locale=translation.target_locale, context__object_id=page.translation_key
            ).select_related("context")
        ]
        code = translation.target_locale.language_code
        languages.setdefault(code, []).append({"key": str(page.translation_key), "strings": strings,
                                               "overrides": overrides})  # fmt: skip
    return [{"language": code, "pages": entries} for code, entries in sorted(languages.items())]


def build_manifest(course):
    """The manifest (without the files' sizes and checksums) and the files to pack, as
    ``(kind, object)`` pairs."""
    course = course.specific
    pages = course_pages(course)
    collector = _Collector({page.pk: str(page.translation_key) for page in pages})
    entries = []
    parents = {}
    for page in pages:
        entries.append(_page_entry(page, collector, parents.get(page.path[: -page.steplen])))
        parents[page.path] = str(page.translation_key)
    translations = _translations(pages, collector)
    if course.collection_id:  # unused files of the course are its material too
        for kind, model in file_models().items():
            for obj in model.objects.filter(collection__path__startswith=course.collection.path):
                collector.add(kind, obj)
    category = course.category
    template = getattr(course, "certificate_template", None)
    manifest = {
        "format": fmt.FORMAT,
        "version": fmt.VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "course_key": str(course.translation_key),
        "language": course.locale.language_code,
        "category": {"slug": category.slug, "name": category.name} if category else None,
        "certificate_template": {"name": template.name} if template else None,
        "pages": entries,
        "translations": translations,
        "files": [],
    }
    files = sorted(collector.files.items(), key=lambda item: (fmt.FILE_KINDS.index(item[0][0]), item[0][1]))
    return manifest, [(kind, obj) for (kind, _pk), obj in files]


def _file_entry(kind, obj):
    filename = obj.file.name.rsplit("/", 1)[-1]
    return {
        "id": fmt.file_id(kind, obj.pk),
        "kind": kind,
        "path": fmt.file_path(kind, obj.pk, filename),
        **{name: getattr(obj, name) for name in FILE_FIELDS[kind] if hasattr(obj, name)},
    }


class _Pipe(io.RawIOBase):
    """A write-only stream that hands on what was written (zipfile writes a stream it
    cannot seek with data descriptors)."""

    def __init__(self):
        self.parts, self.position = [], 0

    def writable(self):
        return True

    def write(self, data):
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def take(self):
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def prepare_export(course):
    """The manifest and the files of ``course``'s archive, every file checked to be in
    storage (a missing one is refused before the first byte is sent)."""
    from django.utils.translation import gettext as _

    manifest, files = build_manifest(course)
    for _kind, obj in files:
        if not obj.file or not obj.file.storage.exists(obj.file.name):
            raise fmt.ArchiveError(
                _("The file “%(title)s” of this course is missing from storage: the course cannot be exported.")
                % {"title": obj.title}
            )
    return manifest, files


def archive_chunks(course, prepared=None):
    """The course's archive as a sequence of byte strings (see the module docstring);
    ``prepared``: what ``prepare_export`` returned, if the caller already asked."""
    import json

    manifest, files = prepared or prepare_export(course)
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", allowZip64=True) as archive:
        for kind, obj in files:
            entry = _file_entry(kind, obj)
            digest, size = hashlib.sha256(), 0
            info = zipfile.ZipInfo(entry["path"], date_time=datetime.now(UTC).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED if kind == fmt.CAPTION else zipfile.ZIP_STORED
            info.file_size = obj.file.size  # large files get ZIP64 headers
            with obj.file.open("rb") as source, archive.open(info, "w", force_zip64=info.file_size > 2**31) as out:
                for chunk in source.chunks(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                    yield pipe.take()
            manifest["files"].append({**entry, "size": size, "sha256": digest.hexdigest()})
        data = json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
        archive.writestr(zipfile.ZipInfo(fmt.MANIFEST, date_time=datetime.now(UTC).timetuple()[:6]), data,
                         compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    yield pipe.take()


def write_archive(course, output, prepared=None):
    """Write the course's archive to the binary file ``output``; its size in bytes."""
    size = 0
    for chunk in archive_chunks(course, prepared):
        output.write(chunk)
        size += len(chunk)
    return size


def archive_filename(course):
    return f"{course.slug}-{datetime.now(UTC):%Y%m%d}.aula-course.zip"
