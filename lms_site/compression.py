"""Pages compressed for browsers that accept gzip (a 60 KB page is about 12 KB on the wire).

Django's ``GZipMiddleware``, for text answers only and never for streamed files: course
video and audio (sent with HTTP Range; a compressed 206 breaks seeking), PDFs and whitenoise's
static files (already compressed, brotli or gzip, by collectstatic) go out as they are.

BREACH: compressing a page that holds a secret next to text an attacker can put in it lets
the attacker guess the secret from the compressed size. Django's middleware pads every
compressed answer with up to 100 random bytes (Django 4.2+), CSRF tokens are masked afresh in
every answer (the guessed token is never twice the same), and the cached anonymous pages hold
neither tokens nor anything personal (docs/developers/caching.md). Signed-in pages are
compressed too: they carry the masked CSRF token and the visitor's name only.
docs/developers/speed.md, "Light pages", says why this is here rather than in nginx.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "application/manifest+json",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Before the page cache in ``MIDDLEWARE``: cached pages are stored plain and compressed
    on the way out, each answer with its own random padding."""

    def process_response(self, request, response):
        if response.streaming or not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
