"""A video's or audio's duration, read from the file itself.

Completion is decided on the server: a media item's duration comes from its stored file,
never from the browser. ``mutagen`` (pure Python) reads MP4/M4A/MOV, MP3, Ogg and WAV;
``ffprobe`` reads the rest when it is installed. When neither can, the uploader types
the duration in the upload form (courses/uploads.py).
"""

import shutil
import subprocess
import tempfile

import mutagen

MAX_DURATION = 24 * 3600  # seconds; anything longer is a misread


def read_duration(file):
    """Seconds (float) or None. ``file``: a Django File (uploaded or stored)."""
    seconds = _with_mutagen(file) or _with_ffprobe(file)
    if seconds and 0 < seconds <= MAX_DURATION:
        return round(seconds, 3)
    return None


def _with_mutagen(file):
    try:
        file.seek(0)
        info = mutagen.File(file)
    except Exception:  # any unreadable or unknown file: mutagen raises many kinds
        return None
    finally:
        file.seek(0)
    return getattr(getattr(info, "info", None), "length", None)


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
    command = [ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        return float(result.stdout.strip()) if result.returncode == 0 else None
    except (subprocess.SubprocessError, OSError, ValueError):
        return None
