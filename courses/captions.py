"""WebVTT caption files: strict validation on upload, the cues for transcripts, and the
caption tracks of translated pages.

webvtt-py parses the file; it quietly skips lines it does not understand (a broken
timestamp makes a cue vanish), so every timing line is also checked here and any cue that
would be lost is reported, with its line number.
"""

import re
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from webvtt.errors import MalformedFileError

_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
_TIMING_LINE = re.compile(rf"^({_TIMESTAMP})[ \t]+-->[ \t]+({_TIMESTAMP})(?:[ \t]+.*)?$")
MAX_CAPTION_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str

    def as_dict(self):
        return {"start": self.start, "end": self.end, "text": self.text}


def timestamp_seconds(value):
    parts = [float(p) for p in value.split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return round(seconds, 3)


def _timing_lines(lines):
    """(line number, line) for each line with "-->" outside comment (NOTE) blocks: those
    must be cue timing lines. A NOTE block runs from its first line to the next blank line."""
    in_note, block_start = False, False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            in_note, block_start = False, True
            continue
        if block_start and (line == "NOTE" or line.startswith(("NOTE ", "NOTE\t"))):
            in_note = True
        block_start = False
        if "-->" in line and not in_note:
            yield number, line


def parse_vtt(data):
    """Return the cues of a WebVTT file given as bytes; raise ValidationError with a
    message an instructor can act on if anything is wrong."""
    if len(data) > MAX_CAPTION_BYTES:
        raise ValidationError(_("This caption file is too large (more than 2 MB)."), code="too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Caption files must be UTF-8 encoded WebVTT (.vtt) files."), code="encoding") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise ValidationError(_("This is not a WebVTT file: the first line must be “WEBVTT”."), code="header")
    for number, line in enumerate(lines, start=1):
        if "\x00" in line:  # PostgreSQL cannot store it; no real caption has one
            raise ValidationError(
                _("Line %(line)s contains a NUL character; save the file again as plain UTF-8 text.")
                % {"line": number},
                code="nul",
            )

    timings = []
    for number, line in _timing_lines(lines):
        match = _TIMING_LINE.match(line.strip())
        if not match:
            raise ValidationError(
                _("Line %(line)s has a broken timestamp: “%(text)s” (expected 00:00:01.000 --> 00:00:04.000).")
                % {"line": number, "text": line.strip()[:80]},
                code="timestamp",
            )
        start, end = (timestamp_seconds(t) for t in match.groups())
        if end <= start:
            raise ValidationError(
                _("Line %(line)s: a cue must end after it starts.") % {"line": number}, code="timestamp_order"
            )
        timings.append((start, end))
    if not timings:
        # Not code "empty": Django's file field would replace the message with its own
        # "The submitted file is empty."
        raise ValidationError(
            _("This caption file has no cues (no line like 00:00:01.000 --> 00:00:04.000)."), code="no_cues"
        )

    try:
        captions = list(webvtt.from_string(text))
    except MalformedFileError as error:
        raise ValidationError(_("This caption file is not valid WebVTT: %(error)s") % {"error": error}) from None
    if len(captions) != len(timings):
        raise ValidationError(_("Some cues of this caption file could not be read; check its blank lines."))
    return [Cue(start, end, caption.text) for (start, end), caption in zip(timings, captions, strict=True)]


def validate_caption_file(file):
    """Model field validator: the uploaded file must be a valid WebVTT file."""
    name = getattr(file, "name", "") or ""
    if not name.lower().endswith(".vtt"):
        raise ValidationError(_("Caption files must have the .vtt extension."), code="extension")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read(MAX_CAPTION_BYTES + 1)
    file.seek(position)
    parse_vtt(data)


# --- Caption tracks of translated pages ---------------------------------------------------
# A video or audio block's first caption track is translated with the page
# (courses.blocks.TranslatedCaptionsMixin): wagtail-localize stores the translated text of
# each cue in the block's ``caption_cues``. A page in a language none of its tracks is in
# then offers one more track, in its own language: the original's timings, the
# translation's texts, served by ``courses.views.files.translated_caption_file``.


@dataclass
class PlayerTrack:
    url: str
    language: str
    label: str
    cues: list
    default: bool = False
    source: object = None  # the CaptionTrack it comes from (a translated track: the original's)


def cue_track(value):
    """The caption track whose cues a translation translates: the block's first."""
    tracks = [track for track in (value.get("captions") or []) if track is not None]
    return tracks[0] if tracks else None


def translated_cues(value):
    """The block's cues in its page's language (timings of the original track), or []
    when nothing is translated yet (wagtail-localize copies the original's text until a
    translator types one)."""
    track = cue_track(value)
    texts = list(value.get("caption_cues") or [])
    if track is None or not texts:
        return []
    source = track.cues
    if all(text == cue["text"] for text, cue in zip(texts, source, strict=False)):
        return []
    return [
        {"start": cue["start"], "end": cue["end"], "text": (texts[i] if i < len(texts) and texts[i] else cue["text"])}
        for i, cue in enumerate(source)
    ]


def _page_language(page):
    from core.localized import language_code_of

    locale_id = getattr(page, "locale_id", None) if page is not None else None
    return (language_code_of(locale_id) if locale_id else None) or get_language()


def player_tracks(value, page):
    """The <track>s of a video or audio block on ``page``: its caption tracks, plus the
    translated one when no track is in the page's language. The default is the track in
    the page's language, else the first. The site search indexes the cues of exactly these
    tracks (search/transcripts.py), so a result names a track the page serves."""
    tracks = [track for track in (value.get("captions") or []) if track is not None]
    language = _page_language(page)
    items = [PlayerTrack(track.url, track.language, track.label, track.cues, source=track) for track in tracks]
    if page is not None and getattr(page, "pk", None) and not any(t.language == language for t in tracks):
        cues = translated_cues(value)
        if cues:
            url = reverse("courses:translated_captions", args=(page.pk, tracks[0].pk))
            label = capfirst(get_language_info(language)["name_local"])
            items.append(PlayerTrack(url, language, label, cues, source=tracks[0]))
    default = next((item for item in items if item.language == language), items[0] if items else None)
    if default is not None:
        default.default = True
    return items


def page_translated_cues(page, track_id):
    """The translated cues of the first block of ``page`` whose first track is ``track_id``."""
    from .blocks import TranslatedCaptionsMixin

    for child in getattr(page, "body", None) or []:
        if isinstance(child.block, TranslatedCaptionsMixin):
            track = cue_track(child.value)
            if track is not None and track.pk == track_id:
                cues = translated_cues(child.value)
                if cues:
                    return cues
    return []


def _vtt_timestamp(seconds):
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def build_vtt(cues):
    """A WebVTT file of ``cues``. A cue's text cannot end the cue early: blank lines are
    dropped and "-->" is written as an arrow."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        lines = [line for line in cue["text"].replace("-->", "→").splitlines() if line.strip()]
        parts += [f"{_vtt_timestamp(cue['start'])} --> {_vtt_timestamp(cue['end'])}", *lines, ""]
    return "\n".join(parts)
