"""Production: gunicorn behind a TLS-terminating proxy, PostgreSQL, Redis, SMTP.

Run ``manage.py check --deploy --fail-level WARNING`` with the README's example
environment: it passes.
"""

from .base import *  # noqa: F403
from .base import LOGGING, SILENCED_SYSTEM_CHECKS, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without one
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Mail goes out by SMTP (a local relay unless EMAIL_URL says otherwise), never to a console.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))

# Logs as one JSON object per line, each with its request's id (LOG_FORMAT=text for plain
# lines; base.py refuses any other value).
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

STORAGES = {
    **STORAGES,  # default and private: MEDIA_STORAGE decides (base.py)
    # Hashed names (bootstrap.min.0a1b2c3d4e5f.css) with brotli and gzip copies beside them:
    # whitenoise sends the smallest the browser accepts, hashed files cached for ten years
    # (a new version is a new name; pages only name hashed files), the rest for 60 s.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# X-Frame-Options is SAMEORIGIN, not DENY: the Wagtail editor shows its live preview of
# our own pages in a same-origin frame. Other sites still cannot frame us (and the CSP's
# frame-ancestors 'self' says the same).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]
