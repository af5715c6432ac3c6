"""Send a private file with HTTP Range support, or hand it to the web server.

Django's FileResponse has no Range support, and players (Chromium's <video> above all)
need it to seek: a seek is a request for ``bytes=N-``. This is a deliberately small
implementation of RFC 9110 ranges: one range per request (``bytes=a-b``, ``bytes=a-``,
``bytes=-n``); a multi-range or malformed header is ignored and the whole file is sent
(the RFC allows that); a range starting past the end gets 416 with ``bytes */size``.

With ``AULA_MEDIA_ACCEL_REDIRECT_PREFIX`` set (``AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX`` for
files under MEDIA_ROOT), nothing is read here: the response carries ``X-Accel-Redirect`` and
nginx serves the bytes, Range included (deploy/nginx/aula.conf).
"""

import os
import re

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date

from caching.private_responses import mark_private

# At most 18 digits a side (any real file size fits): a longer number makes the header
# malformed, so it is ignored, instead of int() refusing a 4,300-digit string (a 500).
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
CHUNK_SIZE = 64 * 1024


def parse_range(header, size):
    """Return (start, end) inclusive, None for "send everything", or "unsatisfiable"."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, min(end, size - 1)


def _read(file, start, length):
    with file:
        file.seek(start)
        remaining = length
        while remaining > 0:
            chunk = file.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def serve_private_file(request, field_file, content_type, filename, under_media_root=False, disposition=None):
    """Respond with the file in ``field_file`` (a FieldFile of private storage, or with
    ``under_media_root`` one under MEDIA_ROOT: course documents and images)."""
    storage = field_file.storage
    name = field_file.name
    if under_media_root:
        prefix = settings.AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX
    else:
        prefix = settings.AULA_MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name.lstrip("/")
        _common_headers(response, filename, disposition)
        return response

    path = storage.path(name)
    try:
        size = os.path.getsize(path)
        modified = os.path.getmtime(path)
    except OSError:
        from django.http import Http404

        raise Http404("File missing") from None

    byte_range = parse_range(request.headers.get("Range"), size)
    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _common_headers(response, filename, disposition)
        return response

    start, end = byte_range or (0, size - 1)
    length = max(end - start + 1, 0)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        response = StreamingHttpResponse(_read(open(path, "rb"), start, length), content_type=content_type)  # noqa: SIM115
    if byte_range:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Last-Modified"] = http_date(modified)
    _common_headers(response, filename, disposition)
    return response


def _common_headers(response, filename, disposition=None):
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = disposition or f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # The answer depends on who asks: browsers may keep it, shared caches may not.
    mark_private(response, max_age=3600)
