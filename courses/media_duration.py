"""A video's or audio's duration (and a video's width and height), read from the file itself.

Completion is decided on the server: a media item's duration comes from its stored file,
never from the browser nor from the uploader's keyboard. ``ffprobe`` reads it where it is
installed; otherwise (or when ffprobe cannot read the file) a pure-Python reader does:
``mutagen`` for MP4/M4A/MOV, MP3, Ogg and WAV durations, and the small box (MP4/MOV) and
EBML (WebM) readers below for what mutagen does not read — a video's size and WebM.
"""

import contextlib
import json
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass

import mutagen

MAX_DURATION = 24 * 3600  # seconds; anything longer is a misread
MAX_SIDE = 16384  # pixels; anything larger is a misread
HEADER_BYTES = 4 * 1024 * 1024  # WebM keeps its Info and Tracks at the start


@dataclass
class MediaInfo:
    duration: float | None = None  # seconds
    width: int | None = None  # pixels (videos)
    height: int | None = None


def read_media_info(file):
    """What the file says. ``file``: a Django File (uploaded or stored)."""
    info = _with_ffprobe(file) or MediaInfo()
    if not info.duration or not info.width:
        fallback = _with_python(file)
        info.duration = info.duration or fallback.duration
        info.width, info.height = (info.width, info.height) if info.width else (fallback.width, fallback.height)
    if not (info.duration and 0 < info.duration <= MAX_DURATION):
        info.duration = None
    else:
        info.duration = round(info.duration, 3)
    if not (info.width and info.height and 0 < info.width <= MAX_SIDE and 0 < info.height <= MAX_SIDE):
        info.width = info.height = None
    return info


def read_duration(file):
    """Seconds (float) or None."""
    return read_media_info(file).duration


# ffprobe


def _with_ffprobe(file):
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    path = getattr(file, "temporary_file_path", None)
    if path is not None:
        return _probe(ffprobe, path())
    with tempfile.NamedTemporaryFile() as copy:
        file.seek(0)
        for chunk in file.chunks():
            copy.write(chunk)
        copy.flush()
        file.seek(0)
        return _probe(ffprobe, copy.name)


def _probe(ffprobe, path):
    command = [
        ffprobe, "-v", "error", "-show_entries", "format=duration:stream=codec_type,width,height", "-of", "json", path,
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        if result.returncode != 0:
            return None
        data = json.loads(result.stdout or "{}")
    except (subprocess.SubprocessError, OSError, ValueError):
        return None
    info = MediaInfo()
    with contextlib.suppress(TypeError, ValueError):
        info.duration = float(data.get("format", {}).get("duration"))
    for stream in data.get("streams", []):
        if stream.get("codec_type") == "video" and stream.get("width"):
            info.width, info.height = int(stream["width"]), int(stream["height"])
            break
    return info


# Pure Python


def _with_python(file):
    info = MediaInfo(duration=_with_mutagen(file))
    try:
        file.seek(0)
        head = file.read(12)
        if head[4:8] in (b"ftyp", b"moov", b"wide", b"free", b"mdat"):
            duration, width, height = _read_mp4(file)
        elif head[:4] == b"\x1a\x45\xdf\xa3":
            file.seek(0)
            duration, width, height = _read_ebml(file.read(HEADER_BYTES))
        else:
            duration = width = height = None
    except (OSError, ValueError, struct.error, IndexError):
        duration = width = height = None
    finally:
        file.seek(0)
    info.duration = info.duration or duration
    info.width, info.height = width, height
    return info


def _with_mutagen(file):
    try:
        file.seek(0)
        info = mutagen.File(file)
    except Exception:  # any unreadable or unknown file: mutagen raises many kinds
        return None
    finally:
        file.seek(0)
    return getattr(getattr(info, "info", None), "length", None)


_MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"edts"}


def _boxes(file, start, end):
    """(type, payload start, payload end) of the MP4 boxes between ``start`` and ``end``."""
    position = start
    while end is None or position + 8 <= end:
        file.seek(position)
        header = file.read(8)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header)
        offset = 8
        if size == 1:
            size = struct.unpack(">Q", file.read(8))[0]
            offset = 16
        elif size == 0:  # to the end of the file
            file.seek(0, 2)
            size = file.tell() - position
        if size < offset:
            return
        yield kind, position + offset, position + size
        position += size


def _read_mp4(file):
    """Duration from ``mvhd``, width and height from the first video track's ``tkhd``."""
    duration = width = height = None

    def walk(start, end):
        nonlocal duration, width, height
        for kind, body, box_end in _boxes(file, start, end):
            if kind in _MP4_CONTAINERS:
                walk(body, box_end)
            elif kind == b"mvhd":
                file.seek(body)
                version = file.read(4)[0]
                if version == 1:
                    timescale, length = struct.unpack(">16xIQ", file.read(28))
                else:
                    timescale, length = struct.unpack(">8xII", file.read(16))
                if timescale:
                    duration = length / timescale
            elif kind == b"tkhd" and not width:
                file.seek(body)
                version = file.read(4)[0]
                file.seek(body + (88 if version == 1 else 76))
                w, h = struct.unpack(">II", file.read(8))
                if w >> 16 and h >> 16:
                    width, height = w >> 16, h >> 16

    walk(0, None)
    return duration, width, height


# EBML ids (Matroska/WebM)
_SEGMENT, _INFO, _TRACKS, _TRACK_ENTRY, _VIDEO = 0x18538067, 0x1549A966, 0x1654AE6B, 0xAE, 0xE0
_TIMECODE_SCALE, _DURATION, _PIXEL_WIDTH, _PIXEL_HEIGHT = 0x2AD7B1, 0x4489, 0xB0, 0xBA
_EBML_CONTAINERS = {_SEGMENT, _INFO, _TRACKS, _TRACK_ENTRY, _VIDEO}


def _vint(data, position, keep_marker):
    first = data[position]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise ValueError("bad EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    return value, position + length, length


def _read_ebml(data):
    """Duration (Info) and the first video track's pixel size (Tracks) of a WebM header."""
    found = {}

    def walk(start, end):
        position = start
        while position < end and position < len(data):
            element, position, _ = _vint(data, position, keep_marker=True)
            size, position, length = _vint(data, position, keep_marker=False)
            unknown = size == (1 << (7 * length)) - 1
            stop = end if unknown else min(position + size, end)
            if element in _EBML_CONTAINERS:
                walk(position, stop)
            elif element in (_TIMECODE_SCALE, _PIXEL_WIDTH, _PIXEL_HEIGHT) and element not in found:
                found[element] = int.from_bytes(data[position:stop], "big")
            elif element == _DURATION:
                raw = data[position:stop]
                found[element] = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
            position = stop

    walk(0, len(data))
    duration = found.get(_DURATION)
    if duration is not None:
        duration = duration * found.get(_TIMECODE_SCALE, 1_000_000) / 1e9
    return duration, found.get(_PIXEL_WIDTH), found.get(_PIXEL_HEIGHT)
