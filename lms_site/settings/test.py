"""The test suite: fast hashing, captured mail, background jobs run in-process."""

from .base import *  # noqa: F403
from .base import BASE_DIR, Q_CLUSTER

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = str(BASE_DIR / ".test-media")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
