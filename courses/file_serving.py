"""Send a private file with HTTP Range support, or hand it to the web server.

Django's FileResponse has no Range support, and players (Chromium's <video> above all)
need it to seek: a seek is a request for ``bytes=N-``. This is a deliberately small
implementation of RFC 9110 ranges: one range per request (``bytes=a-b``, ``bytes=a-``,
``bytes=-n``); a multi-range or malformed header is ignored and the whole file is sent
(the RFC allows that); a range starting past the end gets 416 with ``bytes */size``.

With ``AULA_MEDIA_ACCEL_REDIRECT_PREFIX`` set (``AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX`` for
files under MEDIA_ROOT), nothing is read here: the response carries ``X-Accel-Redirect`` and
nginx serves the bytes, Range included (deploy/nginx/aula.conf). In object storage
(``MEDIA_STORAGE=s3``) the answer is a redirect to a short-lived signed URL instead.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
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


def serve_private_file(
    request, field_file, content_type, filename, under_media_root=False, disposition=None, same_origin=False
):
    """Respond with the file in ``field_file`` (a FieldFile of private storage, or with
    ``under_media_root`` one of the default storage: course documents and images), once
    the access rule has said yes.

    In object storage the answer is a redirect to a short-lived signed URL: the bucket sends
    the bytes (and answers Range with 206), no app server streams a video. ``same_origin``
    files (captions, which a ``<track>`` loads only from the page's own origin unless the
    bucket sends CORS headers) are sent through Python instead, from whichever storage."""
    storage = field_file.storage
    name = field_file.name
    disposition = disposition or f'inline; filename="{filename}"'
    if hasattr(storage, "signed_url") and not same_origin:
        response = HttpResponseRedirect(storage.signed_url(name, content_type, disposition, method=request.method))
        # Never kept: the next visit asks the access rule again and gets a fresh URL.
        return mark_private(response)

    local = _has_local_files(storage)
    prefix = (
        settings.AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX
        if under_media_root
        else settings.AULA_MEDIA_ACCEL_REDIRECT_PREFIX
    )
    if prefix and local:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name.lstrip("/")
        _common_headers(response, disposition)
        return response

    if not (name and storage.exists(name)):
        raise Http404("File missing")
    size = storage.size(name)
    modified = storage.get_modified_time(name)

    byte_range = parse_range(request.headers.get("Range"), size)
    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _common_headers(response, disposition)
        return response

    start, end = byte_range or (0, size - 1)
    length = max(end - start + 1, 0)
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        response = StreamingHttpResponse(_read(storage.open(name, "rb"), start, length), content_type=content_type)
    if byte_range:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Last-Modified"] = http_date(modified.timestamp())
    _common_headers(response, disposition)
    return response


def _has_local_files(storage):
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True


def _common_headers(response, disposition):
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # The answer depends on who asks: browsers may keep it, shared caches may not.
    mark_private(response, max_age=3600)
