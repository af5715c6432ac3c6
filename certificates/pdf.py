"""Certificates as PDF, with WeasyPrint.

WeasyPrint fetches every resource (images, fonts, style sheets) through
``SiteFilesFetcher``: the site's own static files (read from disk) and public images (read
from the default storage: a folder or object storage), plus inline ``data:`` URLs.
``file://`` paths, other media (documents, private course files) and the network are
refused, whatever a template says.

Imported only when a PDF is made (``rendering.render_pdf``, normally in the task worker):
WeasyPrint (with fontTools, pyphen, tinycss2…) takes ~21 MiB a web worker does not need to serve pages.
"""

import mimetypes
import os
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from courses.course_images import PUBLIC_IMAGE_FOLDERS


class RefusedResource(ValueError):
    pass


def _safe_path(root, relative):
    root = os.path.realpath(root)
    path = os.path.realpath(os.path.join(root, relative))
    if os.path.commonpath([root, path]) != root:
        raise SuspiciousFileOperation(relative)
    return path


def _static_file_for(url):
    """The local file behind ``url`` when it is one of the site's static files, else None."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc or parts.username or parts.password:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path[len(settings.STATIC_URL) :]
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = _safe_path(settings.STATIC_ROOT, relative)
        found = candidate if os.path.isfile(candidate) else None
    return found or None


def public_image_name(url):
    """The default storage's name of the public image (PUBLIC_IMAGE_FOLDERS) at ``url``, else
    None: an image of ``MEDIA_URL`` on this site, or of the bucket or its CDN in object storage."""
    probe = f"{PUBLIC_IMAGE_FOLDERS[0]}/probe"
    media = urlsplit(urljoin(settings.SITE_URL + "/", default_storage.url(probe)))
    media_path = media.path[: -len(probe)]  # MEDIA_URL, or the bucket's address
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (media.scheme, media.netloc) or parts.username or parts.password:
        return None
    path = unquote(parts.path)
    if not path.startswith(media_path):
        return None
    relative = path[len(media_path) :]
    steps = relative.split("/")
    if steps[0] not in PUBLIC_IMAGE_FOLDERS or len(steps) != 2 or steps[1] in ("", ".", ".."):
        return None
    return relative


class SiteFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to the site's own files and ``data:`` URLs."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
        body = name = None
        try:
            path = _static_file_for(url)
            if path is not None:
                name = path
                with open(path, "rb") as handle:
                    body = handle.read()
            elif (name := public_image_name(url)) is not None and default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    body = handle.read()
        except (SuspiciousFileOperation, ValueError):
            body = None
        if body is None:
            raise RefusedResource(f"Certificates may only use the site's own static files and images, not {url}")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def write_pdf(html):
    """The PDF of a certificate's ``html``; its resources come through ``SiteFilesFetcher``."""
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=SiteFilesFetcher()).write_pdf()
