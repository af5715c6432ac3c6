"""Certificates as PDF, with WeasyPrint.

WeasyPrint fetches every resource (images, fonts, style sheets) through
``SiteFilesFetcher``: the site's own static files and public images only, read from disk,
plus inline ``data:`` URLs. ``file://`` paths, other media (documents, private course
files) and the network are refused, whatever a template says.

Imported only when a PDF is made (``rendering.render_pdf``, normally in the task worker):
WeasyPrint (with fontTools, pyphen, tinycss2…) takes ~21 MiB a web worker does not need to serve pages.
"""

import mimetypes
import os
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Public media: the images Wagtail serves at MEDIA_URL. Documents are served through the
# access rule and course files live in private storage: neither is ever fetched here.
PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")


class RefusedResource(ValueError):
    pass


def _safe_path(root, relative):
    root = os.path.realpath(root)
    path = os.path.realpath(os.path.join(root, relative))
    if os.path.commonpath([root, path]) != root:
        raise SuspiciousFileOperation(relative)
    return path


def site_file_for(url):
    """The local file behind ``url`` when it is one of the site's static files or public
    images, else None."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc or parts.username or parts.password:
        return None
    path = unquote(parts.path)
    try:
        if path.startswith(settings.STATIC_URL):
            relative = path[len(settings.STATIC_URL) :]
            found = finders.find(relative)
            if not found and settings.STATIC_ROOT:
                candidate = _safe_path(settings.STATIC_ROOT, relative)
                found = candidate if os.path.isfile(candidate) else None
            return found or None
        if path.startswith(settings.MEDIA_URL):
            relative = path[len(settings.MEDIA_URL) :]
            if not relative.startswith(PUBLIC_MEDIA_FOLDERS):
                return None
            candidate = _safe_path(settings.MEDIA_ROOT, relative)
            return candidate if os.path.isfile(candidate) else None
    except (SuspiciousFileOperation, ValueError):
        return None
    return None


class SiteFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to the site's own files and ``data:`` URLs."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
        path = site_file_for(url)
        if path is None:
            raise RefusedResource(f"Certificates may only use the site's own static files and images, not {url}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def write_pdf(html):
    """The PDF of a certificate's ``html``; its resources come through ``SiteFilesFetcher``."""
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=SiteFilesFetcher()).write_pdf()
