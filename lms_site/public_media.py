"""The only files that may be served straight from ``MEDIA_URL``: Wagtail's public images.

Documents (``documents/``) always go through the document view, which asks the course
access rule; course video, audio and captions are not under ``MEDIA_ROOT`` at all. In
development Django serves the folders below; in production the web server serves exactly
these folders and nothing else of ``MEDIA_ROOT`` (README, "Production").
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from courses.course_images import PUBLIC_IMAGE_FOLDERS as PUBLIC_MEDIA_FOLDERS


def serve_public_image(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def public_media_urlpatterns():
    """URL patterns for DEBUG: one file name directly inside a public folder, nothing else."""
    prefix = settings.MEDIA_URL.lstrip("/")
    folders = "|".join(PUBLIC_MEDIA_FOLDERS)
    return [re_path(rf"^{prefix}(?P<path>(?:{folders})/[^/]+)$", serve_public_image)]
