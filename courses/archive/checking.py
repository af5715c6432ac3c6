"""An archive checked whole before anything is written (docs/developers/course-archive.md,
"What an import checks").

``check_archive(file)`` opens the zip and checks, in this order, refusing with an
``ArchiveError`` that says what is wrong: its size; that it is a zip; every entry's name
(no absolute path, no ``..``, no backslash, no symlink, no encryption, no duplicate); the
number of entries, their unpacked sizes added up and each entry's packing ratio (a zip
bomb); the manifest (JSON, format name, a version this site reads, its structure: page
types, tree shape, blocks this site knows); that every file it lists is there and every
entry is listed; that every reference points to a listed file; each file's type by
extension AND content with the checks uploads use (courses/uploads.py, courses/captions.py,
Wagtail's image field); and each file's size and SHA-256.
"""

import hashlib
import json
import posixpath
import stat
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..models import ResourcePage
from . import format as fmt
from .references import Mapper, map_stream

CHUNK = 1024 * 1024


@dataclass
class CheckedArchive:
    """A zip that passed every check: its manifest and the entries of its files."""

    zip: zipfile.ZipFile
    manifest: dict
    files: dict = field(default_factory=dict)  # archive id -> manifest entry

    def open(self, entry):
        """A Django ``File`` reading the entry's content (a stream: never all in memory)."""
        handle = self.zip.open(entry["path"])
        wrapped = File(handle, name=posixpath.basename(entry["path"]))
        wrapped.size = entry["size"]
        return wrapped

    def close(self):
        self.zip.close()


def check_archive(upload):
    """``upload``: a path or a binary file (seekable). Returns a ``CheckedArchive``."""
    size = _size_of(upload)
    if size > fmt.limit("MAX_SIZE"):
        raise fmt.ArchiveError(
            _("This archive is %(size)s; the largest archive accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(fmt.limit("MAX_SIZE"))}
        )
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise fmt.ArchiveError(_("This file is not a course archive: it is not a zip file.")) from None
    try:
        entries = _check_entries(archive)
        manifest = _read_manifest(archive, entries)
        checked = CheckedArchive(zip=archive, manifest=manifest)
        _check_structure(checked, entries)
        _check_files(checked)
    except fmt.ArchiveError:
        archive.close()
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        archive.close()
        raise fmt.ArchiveError(_("This archive is damaged: a file in it cannot be read.")) from None
    except (TypeError, AttributeError, KeyError, ValueError):  # a manifest shaped otherwise than the format says
        archive.close()
        raise _invalid(_("its content is not shaped as the format says")) from None
    return checked


def _size_of(upload):
    if isinstance(upload, (str, bytes)) or hasattr(upload, "__fspath__"):
        import os

        return os.path.getsize(upload)
    if getattr(upload, "size", None) is not None:
        return upload.size
    position = upload.tell()
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(position)
    return size


def _check_entries(archive):
    infos = archive.infolist()
    if len(infos) > fmt.limit("MAX_ENTRIES"):
        raise fmt.ArchiveError(
            _("This archive holds %(count)s files; at most %(limit)s are accepted.")
            % {"count": len(infos), "limit": fmt.limit("MAX_ENTRIES")}
        )
    entries, total = {}, 0
    for info in infos:
        name = info.filename
        if not _safe_name(name):
            raise fmt.ArchiveError(
                _("This archive holds a file with an unsafe name (“%(name)s”): nothing was imported.") % {"name": name}
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise fmt.ArchiveError(_("This archive holds a link (“%(name)s”): nothing was imported.") % {"name": name})
        if info.flag_bits & 0x1:
            raise fmt.ArchiveError(_("This archive is encrypted: export the course again without a password."))
        if name in entries:
            raise fmt.ArchiveError(_("This archive holds “%(name)s” twice: nothing was imported.") % {"name": name})
        if info.file_size > CHUNK and info.file_size > fmt.limit("MAX_RATIO") * max(info.compress_size, 1):
            raise fmt.ArchiveError(_("This archive unpacks to far more than its size (a zip bomb): it was refused."))
        total += info.file_size
        if total > fmt.limit("MAX_UNPACKED_SIZE"):
            raise fmt.ArchiveError(
                _("This archive unpacks to more than %(limit)s: it was refused.")
                % {"limit": filesizeformat(fmt.limit("MAX_UNPACKED_SIZE"))}
            )
        if not name.endswith("/"):
            entries[name] = info
    return entries


def _safe_name(name):
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name.split("/", 1)[0]:
        return False
    parts = name.rstrip("/").split("/")
    return all(part not in ("", ".", "..") for part in parts) and posixpath.normpath(name.rstrip("/")) == name.rstrip(
        "/"
    )


def _read_manifest(archive, entries):
    info = entries.get(fmt.MANIFEST)
    if info is None:
        raise fmt.ArchiveError(_("This zip file is not a course archive: it has no manifest.json."))
    if info.file_size > fmt.limit("MAX_MANIFEST_SIZE"):
        raise fmt.ArchiveError(_("This archive's manifest is too large: it was refused."))
    try:
        with archive.open(info) as handle:
            manifest = json.loads(handle.read(fmt.limit("MAX_MANIFEST_SIZE") + 1))
    except (ValueError, UnicodeDecodeError):
        raise fmt.ArchiveError(_("This archive's manifest is not valid JSON.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != fmt.FORMAT:
        raise fmt.ArchiveError(_("This zip file is not an Aula course archive (its manifest names another format)."))
    version = manifest.get("version")
    if version not in fmt.SUPPORTED_VERSIONS:
        known = ", ".join(str(v) for v in sorted(fmt.SUPPORTED_VERSIONS))
        raise fmt.ArchiveError(fmt.REFUSED_VERSION % {"version": version, "known": known})
    return manifest


def _invalid(what):
    return fmt.ArchiveError(_("This archive's manifest is not valid: %(what)s.") % {"what": what})


def _check_structure(checked, entries):
    manifest = checked.manifest
    for name, kind in (("pages", list), ("files", list), ("translations", list), ("language", str)):
        if not isinstance(manifest.get(name), kind):
            raise _invalid(_("“%(name)s” is missing or of the wrong type") % {"name": name})
    listed = {fmt.MANIFEST}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or entry.get("kind") not in fmt.FILE_KINDS:
            raise _invalid(_("a file has no kind, or one this site does not know"))
        for key in ("id", "path", "sha256", "title"):
            if not isinstance(entry.get(key), str):
                raise _invalid(_("a file has no %(key)s") % {"key": key})
        if not isinstance(entry.get("size"), int) or entry["size"] < 0:
            raise _invalid(_("a file has no size"))
        if entry["path"] not in entries:
            raise fmt.ArchiveError(
                _("The file “%(path)s” is listed in the archive but missing from it: nothing was imported.")
                % {"path": entry["path"]}
            )
        if entry["id"] in checked.files:
            raise _invalid(_("the file id “%(id)s” is used twice") % {"id": entry["id"]})
        checked.files[entry["id"]] = entry
        listed.add(entry["path"])
    unlisted = sorted(set(entries) - listed)
    if unlisted:
        raise fmt.ArchiveError(
            _("This archive holds a file its manifest does not list (“%(name)s”): it was refused.")
            % {"name": unlisted[0]}
        )
    _check_pages(checked)


_PARENT_TYPE = {fmt.COURSE: None, fmt.SECTION: fmt.COURSE, fmt.RESOURCE: fmt.SECTION}


class _RefChecker(Mapper):
    def __init__(self, files, page_keys):
        self.files, self.page_keys = files, page_keys

    def chooser(self, model, value):
        if isinstance(value, dict) and "file" in value:
            if value["file"] not in self.files:
                raise fmt.ArchiveError(
                    _("The course uses the file “%(id)s”, which the archive does not hold: nothing was imported.")
                    % {"id": value["file"]}
                )
            return value
        if isinstance(value, dict) and "page" in value:
            return value
        raise _invalid(_("a chooser holds “%(value)s” instead of a reference") % {"value": str(value)[:40]})

    def rich_text_id(self, kind, value):
        if value and kind != "page" and value not in self.files:
            raise fmt.ArchiveError(
                _("The course's text uses the file “%(id)s”, which the archive does not hold.") % {"id": value}
            )
        return value


def _check_pages(checked):
    pages = checked.manifest["pages"]
    types, checker = {}, _RefChecker(checked.files, set())
    body_blocks = ResourcePage._meta.get_field("body").stream_block
    for index, page in enumerate(pages):
        if not isinstance(page, dict) or not isinstance(page.get("fields"), dict):
            raise _invalid(_("page %(number)s has no fields") % {"number": index + 1})
        kind, key, parent = page.get("type"), page.get("key"), page.get("parent")
        if kind not in _PARENT_TYPE or not isinstance(key, str) or key in types:
            raise _invalid(_("page %(number)s has no type or key, or a repeated key") % {"number": index + 1})
        if (index == 0) != (kind == fmt.COURSE) or types.get(parent) != _PARENT_TYPE[kind]:
            raise _invalid(_("the page tree is not a course, its sections and their resources, in order"))
        fields = page["fields"]
        if not isinstance(fields.get("title"), str) or not fields["title"].strip():
            raise _invalid(_("page %(number)s has no title") % {"number": index + 1})
        types[key] = kind
        if kind == fmt.RESOURCE:
            body = fields.get("body") or []
            unknown = sorted(
                {str(item.get("type")) for item in body if isinstance(item, dict)} - set(body_blocks.child_blocks)
            )
            if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
                raise _invalid(_("the body of “%(title)s” is not a list of blocks") % {"title": fields["title"]})
            if unknown:
                raise fmt.ArchiveError(
                    _("“%(title)s” uses blocks this site does not have (%(blocks)s): nothing was imported.")
                    % {"title": fields["title"], "blocks": ", ".join(unknown)}
                )
            map_stream(body_blocks, body, checker)
        for name in ("cover_image", "intro_video"):
            if fields.get(name) is not None:
                checker.chooser(None, fields[name])
        for value in fields.get("intro_captions") or []:
            checker.chooser(None, value)
        if isinstance(fields.get("description"), str):
            checker.rich_text(fields["description"])
    if not pages:
        raise _invalid(_("it holds no course"))
    for translation in checked.manifest["translations"]:
        if not isinstance(translation, dict) or not isinstance(translation.get("language"), str):
            raise _invalid(_("a translation has no language"))
        for entry in translation.get("pages") or []:
            if not isinstance(entry, dict) or entry.get("key") not in types:
                raise _invalid(_("a translation is of a page the archive does not hold"))


def _check_files(checked):
    for entry in checked.files.values():
        info = checked.zip.getinfo(entry["path"])
        if info.file_size != entry["size"]:
            raise fmt.ArchiveError(
                _("The file “%(path)s” is not the size its manifest says.") % {"path": entry["path"]}
            )
        file = checked.open(entry)
        try:
            _check_type(entry, file)
        except ValidationError as error:
            raise fmt.ArchiveError(
                _("The file “%(path)s” was refused: %(reason)s")
                % {"path": entry["path"], "reason": " ".join(error.messages)}
            ) from None
        finally:
            file.close()
        digest = hashlib.sha256()
        with checked.zip.open(info) as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != entry["sha256"]:
            raise fmt.ArchiveError(
                _("The file “%(path)s” is damaged (its checksum does not match): nothing was imported.")
                % {"path": entry["path"]}
            )


def _check_type(entry, file):
    """The checks an upload of this kind gets, by extension and by content."""
    from ..captions import validate_caption_file
    from ..uploads import validate_document_file, validate_media_file

    kind = entry["kind"]
    if kind == fmt.MEDIA:
        if entry.get("type") not in ("video", "audio"):
            raise ValidationError(_("a media file is a video or an audio."))
        validate_media_file(file, entry["type"])
    elif kind == fmt.DOCUMENT:
        validate_document_file(file)
    elif kind == fmt.CAPTION:
        validate_caption_file(file)
    else:
        from wagtail.images.fields import WagtailImageField

        WagtailImageField().clean(file)
