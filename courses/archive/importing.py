"""A checked archive made into a new course (docs/developers/course-archive.md, "Importing").

``import_course(upload, user)`` checks the whole archive first (checking.py), then, in one
transaction: a new collection for the course; every file in it; the course, its sections and
resources as drafts (never live), owned by the importing user, in the catalog of the
archive's language, every chooser and rich-text reference remapped to the new objects; each
translation made with wagtail-localize again (new translation keys, shared by the course's
language versions), its translated strings and overridden values restored per segment;
then the course is submitted for review, as an instructor's course is. If anything fails,
the transaction is rolled back and every file written to storage is removed: a refused or
failed import leaves no page, no file, no collection.
"""

import json
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from ..course_collections import ensure_course_collection
from ..exceptions import CourseReviewError
from ..models import CourseIndexPage, CoursePage, ResourcePage, SectionPage
from . import format as fmt
from .checking import check_archive
from .exporting import COMMON_FIELDS, PAGE_FIELDS, RICH_TEXT_FIELDS, file_models, kind_of_model
from .references import Mapper, map_override, map_stream

logger = logging.getLogger(__name__)

PAGE_MODELS = {fmt.COURSE: CoursePage, fmt.SECTION: SectionPage, fmt.RESOURCE: ResourcePage}


@dataclass
class ImportResult:
    course: CoursePage
    submitted: bool
    notes: list = field(default_factory=list)  # what the importer should know (translated)


def may_import_courses(user):
    """Administrators and instructors import courses (an instructor owns what they import)."""
    from ..teaching import in_instructors_group

    return user.is_active and (user.is_superuser or in_instructors_group(user))


def import_course(upload, user):
    """Check ``upload`` (a path or a binary file) and make a new course of it. Raises
    ``ArchiveError`` with what is wrong; nothing is kept then."""
    if not may_import_courses(user):
        raise fmt.ArchiveError(_("Only administrators and instructors can import courses."))
    checked = check_archive(upload)
    try:
        return _import_checked(checked, user)
    finally:
        checked.close()


def _import_checked(checked, user):
    manifest = checked.manifest
    locale = Locale.objects.filter(language_code=manifest["language"]).first()
    if locale is None:
        raise fmt.ArchiveError(
            _("This course is in “%(language)s”, a language this site does not have: add it first.")
            % {"language": manifest["language"]}
        )
    catalog = CourseIndexPage.objects.filter(locale=locale).order_by("path").first()
    if catalog is None:
        raise fmt.ArchiveError(_("This site has no course catalog in the course's language to import it into."))
    if not catalog.permissions_for_user(user).can_add_subpage():
        raise fmt.ArchiveError(_("You cannot add courses to the catalog “%(title)s”.") % {"title": catalog.title})
    importer = _Importer(checked, user, catalog)
    try:
        with transaction.atomic():
            return importer.run()
    except fmt.ArchiveError:
        importer.remove_written_files()
        raise
    except ValidationError as error:
        importer.remove_written_files()
        reason = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()) if hasattr(
            error, "error_dict") else " ".join(error.messages)  # fmt: skip
        raise fmt.ArchiveError(
            _("The course could not be imported (%(reason)s). Nothing was kept.") % {"reason": reason}
        ) from None
    except Exception:
        importer.remove_written_files()
        logger.exception("Importing a course archive failed")
        raise fmt.ArchiveError(
            _("The course could not be imported: its content does not fit this site. Nothing was kept.")
        ) from None


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _loose(path):
    return _UUID.sub("*", path)


class _Importer(Mapper):
    def __init__(self, checked, user, catalog):
        self.checked, self.manifest, self.user, self.catalog = checked, checked.manifest, user, catalog
        self.objects = {}  # archive file id -> new object
        self.pages = {}  # archive page key -> new page
        self.written = set()  # storage names of files written (removed if the import fails)
        self.notes = []
        self.unresolved = False

    # --- Mapper: archive ids -> this site's -------------------------------------------
    def chooser(self, model, value):
        if isinstance(value, dict) and "page" in value:
            page = self.pages.get(value["page"])
            self.unresolved |= page is None
            return page.pk if page else None
        obj = self.objects.get(value.get("file")) if isinstance(value, dict) else None
        if obj is None or (model is not None and not isinstance(obj, model)):
            return None
        return obj.pk

    def rich_text_id(self, kind, value):
        if kind == "page":
            page = self.pages.get(value.removeprefix("page-"))
            self.unresolved |= bool(value) and page is None
            return str(page.pk) if page else ""
        obj = self.objects.get(value)
        return str(obj.pk) if obj is not None else ""

    # --- the import -------------------------------------------------------------------
    def run(self):
        entries = self.manifest["pages"]
        course = self.new_page(entries[0])
        course.slug = self.free_slug(course.slug or "course")
        course.collection = ensure_course_collection(course)
        self.collection = course.collection
        for entry in self.checked.files.values():
            self.objects[entry["id"]] = self.add_file(entry)
        self.fill(course, entries[0])
        self.place(self.catalog, course, entries[0])
        self.course_references(course)
        self.note_image_names()
        deferred = [entry for entry in entries[1:] if not self.create(entry)]
        for entry in [entries[0], *deferred]:  # links to pages created after them
            page = self.pages[entry["key"]]
            self.fill(page, entry)
            page.save()
        for entry in entries:
            self.pages[entry["key"]].save_revision(user=self.user, log_action=False)
        for translation in self.manifest["translations"]:
            self.translate(translation)
        submitted = self.submit(course)
        return ImportResult(course=course, submitted=submitted, notes=self.notes)

    def new_page(self, entry):
        page = PAGE_MODELS[entry["type"]](owner=self.user, live=False, has_unpublished_changes=True)
        page.locale = self.catalog.locale
        for name in COMMON_FIELDS:
            value = entry["fields"].get(name)
            if value is not None:
                setattr(page, name, value)
        return page

    def fill(self, page, entry):
        """Set ``page``'s fields from its entry; False if a link to a page not yet created was left out."""
        self.unresolved = False
        for name in (*COMMON_FIELDS, *PAGE_FIELDS[entry["type"]]):
            if name not in entry["fields"] or name == "slug" and page.pk and isinstance(page, CoursePage):
                continue
            value = entry["fields"][name]
            model_field = page._meta.get_field(name)
            if hasattr(model_field, "stream_block"):
                setattr(page, name, json.dumps(map_stream(model_field.stream_block, value, self)))
            elif model_field.many_to_many:
                continue  # after saving (course_references)
            elif model_field.many_to_one:
                setattr(page, model_field.attname, self.chooser(model_field.related_model, value) if value else None)
            elif name in RICH_TEXT_FIELDS:
                setattr(page, name, self.rich_text(value))
            elif value is not None or model_field.null:
                setattr(page, name, value)
        if entry["type"] == fmt.COURSE:
            page.slug = page.slug if page.pk else self.free_slug(entry["fields"].get("slug") or "course")
            page.owner = self.user
        return not self.unresolved

    def create(self, entry):
        page = self.new_page(entry)
        complete = self.fill(page, entry)
        self.place(self.pages[entry["parent"]], page, entry)
        return complete

    def place(self, parent, page, entry):
        parent.add_child(instance=page)
        self.pages[entry["key"]] = page
        log(instance=page, action="wagtail.create", user=self.user)

    def free_slug(self, slug):
        candidate, number = slug, 2
        while Page.objects.child_of(self.catalog).filter(slug=candidate).exists():
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def course_references(self, course):
        fields = self.manifest["pages"][0]["fields"]
        captions = [self.chooser(None, value) for value in fields.get("intro_captions") or []]
        course.intro_captions.set([pk for pk in captions if pk])
        category = self.manifest.get("category") or None
        if category:
            model = CoursePage._meta.get_field("category").related_model
            course.category = model.objects.filter(slug=category.get("slug"), locale=course.locale).first()
            if course.category is None:
                self.notes.append(
                    _("This site has no category “%(name)s”: choose the course's category.")
                    % {"name": category["name"]}
                )
        template = self.manifest.get("certificate_template") or None
        if template:
            model = CoursePage._meta.get_field("certificate_template").related_model
            matches = model.objects.filter(name=template.get("name"))
            course.certificate_template = matches.filter(locale=course.locale).first() or matches.first()
            if course.certificate_template is None:
                self.notes.append(
                    _("This site has no certificate template “%(name)s”: the site's default design applies.")
                    % {"name": template["name"]}
                )
        course.save()

    # --- files ------------------------------------------------------------------------
    def add_file(self, entry):
        from .exporting import FILE_FIELDS

        kind = entry["kind"]
        model = file_models()[kind]
        obj = model(collection=self.collection)
        if kind == fmt.MEDIA:
            obj.type = entry.get("type")
        content = self.checked.open(entry)
        try:
            obj.file.save(content.name, content, save=False)
        finally:
            content.close()
        for name in FILE_FIELDS[kind]:  # after the file: an image's width and height are the archive's
            if name in entry and entry[name] is not None and hasattr(obj, name):
                setattr(obj, name, entry[name])
        if hasattr(obj, "uploaded_by_user"):
            obj.uploaded_by_user = self.user
        self.written.add((obj.file.storage, obj.file.name))
        if kind == fmt.DOCUMENT:
            obj._set_document_file_metadata()
        elif kind == fmt.IMAGE:
            obj._set_image_file_metadata()
        obj.full_clean(exclude=["file", "tags"] if kind == fmt.MEDIA else ["file"])
        obj.save()
        self.written.add((obj.file.storage, obj.file.name))
        return obj

    def note_image_names(self):
        """An image moves when it becomes a course's cover (courses/course_images.py): its
        new name is written too."""
        images = [obj for obj in self.objects.values() if kind_of_model(type(obj)) == fmt.IMAGE]
        for image in type(images[0]).objects.filter(pk__in=[i.pk for i in images]) if images else []:
            self.written.add((image.file.storage, image.file.name))

    def remove_written_files(self):
        for storage, name in self.written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed course import", name)

    # --- translations -----------------------------------------------------------------
    def translate(self, translation):
        locale = Locale.objects.filter(language_code=translation["language"]).first()
        if locale is None or self.catalog.get_translation_or_none(locale) is None:
            self.notes.append(
                _("The “%(language)s” translation was left out: this site has no catalog in that language.")
                % {"language": translation["language"]}
            )
            return
        entries = {entry["key"]: entry for entry in translation["pages"]}
        translated = set()
        for page_entry in self.manifest["pages"]:
            key, parent = page_entry["key"], page_entry["parent"]
            if key in entries and (parent is None or parent in translated):
                self.translate_page(self.pages[key], entries[key], locale)
                translated.add(key)
        self.note_image_names()

    def translate_page(self, page, entry, locale):
        from wagtail_localize.models import (
            OverridableSegment,
            SegmentOverride,
            StringSegment,
            StringTranslation,
            Translation,
            TranslationSource,
        )
        from wagtail_localize.operations import TranslationCreator

        TranslationCreator(self.user, [locale]).create_translations(page)
        source = TranslationSource.objects.get_for_instance(page)
        texts = {(item["context"], item["source"]): item["translation"] for item in entry.get("strings") or []}
        # A list stored without item ids (older content) gets new ids whenever it is read: its
        # items are then found by their place's shape and their text.
        loose = {(_loose(context), text): translation for (context, text), translation in texts.items()}
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            text = texts.get((segment.context.path, segment.string.data))
            if text is None:
                text = loose.get((_loose(segment.context.path), segment.string.data))
            if text is not None:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string, locale=locale, context=segment.context,
                    defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                              "last_translated_by": self.user},
                )  # fmt: skip
        overrides = {item["context"]: item["value"] for item in entry.get("overrides") or []}
        for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
            if segment.context.path in overrides:
                value = map_override(page, segment.context.path, overrides[segment.context.path], self)
                SegmentOverride.objects.update_or_create(
                    locale=locale, context=segment.context, defaults={"data_json": json.dumps(value)}
                )
        Translation.objects.get(source=source, target_locale=locale).save_target(user=self.user, publish=False)

    # --- review -----------------------------------------------------------------------
    def submit(self, course):
        from ..course_review import submit_course

        try:
            submit_course(course, self.user)
        except CourseReviewError as error:
            self.notes.append(
                _("The course is a draft, not yet submitted for review: %(reason)s") % {"reason": error.message}
            )
            return False
        return True
