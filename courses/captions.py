"""WebVTT caption files: strict validation on upload, and the cues for transcripts.

webvtt-py parses the file; it quietly skips lines it does not understand (a broken
timestamp makes a cue vanish), so every timing line is also checked here and any cue that
would be lost is reported, with its line number.
"""

import re
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
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
