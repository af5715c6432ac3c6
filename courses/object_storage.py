"""The two storages in S3-compatible object storage (``MEDIA_STORAGE=s3``), so that web
hosts and workers on different machines share no disk (docs/operators/storage.md).

- ``PublicMediaObjectStorage`` is ``STORAGES["default"]``: images and their renditions,
  documents. Its ``url()`` is a plain, unsigned URL (on ``S3_PUBLIC_DOMAIN``, a CDN, when
  set), which only Wagtail's public image folders answer: the bucket policy makes
  ``original_images/`` and ``images/`` public and nothing else. Course images and documents
  are linked through Aula's views (courses/course_images.py, the document view).
- ``PrivateObjectStorage`` is ``STORAGES["private"]``: everything under ``private/``, no
  public URL.

A file the access rule lets someone open is answered with a redirect to a short-lived
signed URL (``signed_url``, courses/file_serving.py): the bytes go from the bucket to the
browser, Range requests included, never through an app server.

Imported only when the settings name these classes: boto3 is not loaded otherwise.
"""

from django.conf import settings
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .course_images import PUBLIC_IMAGE_FOLDERS
from .storage import LinksCourseImages


class SignsUrls:
    """Storage mixin: short-lived signed URLs for the files the access rule lets through."""

    def signed_url(self, name, content_type, disposition, method="GET"):
        """A URL to ``name`` valid for ``AULA_SIGNED_URL_SECONDS``; the bucket answers it
        with ``content_type``, ``disposition`` and a private Cache-Control."""
        lifetime = settings.AULA_SIGNED_URL_SECONDS
        params = {
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(clean_name(name)),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": disposition,
            "ResponseCacheControl": f"private, max-age={lifetime}",
        }
        operation = "head_object" if method == "HEAD" else "get_object"
        return self.connection.meta.client.generate_presigned_url(operation, Params=params, ExpiresIn=lifetime)


@deconstructible
class PublicMediaObjectStorage(LinksCourseImages, SignsUrls, S3Storage):
    """``STORAGES["default"]`` in object storage (see the module docstring)."""

    querystring_auth = False  # public images: plain URLs a CDN can keep
    file_overwrite = False  # a new upload never replaces another's file

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if name.split("/", 1)[0] in PUBLIC_IMAGE_FOLDERS:  # a CDN and browsers may keep them
            parameters.setdefault("CacheControl", "public, max-age=86400")
        return parameters


@deconstructible
class PrivateObjectStorage(SignsUrls, S3Storage):
    """``STORAGES["private"]`` in object storage (see the module docstring)."""

    location = "private"
    file_overwrite = False

    def url(self, name, *args, **kwargs):
        """No public URL: models link to their files through Aula's views."""
        return ""
