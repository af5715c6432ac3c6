"""The test suite: fast hashing, captured mail, background jobs run in-process."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import AULA_RESOURCE_BODY_BLOCKS, BASE_DIR, CACHES, DATABASES, Q_CLUSTER, REDIS_URL

# Parallel test processes (pytest-xdist's gw0, gw1, …) each get their own Redis database,
# the next ones after REDIS_URL's: every test empties its cache, which would wipe another
# process's mid-test. (Each also gets its own test database from pytest-django.)
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):
    _url = urlsplit(REDIS_URL)
    _db = int(_url.path.strip("/") or 0) + int(_worker[2:])
    REDIS_URL = _url._replace(path=f"/{_db}").geturl()
    CACHES = {name: {**cache, "LOCATION": REDIS_URL} for name, cache in CACHES.items()}

# No test needs a commit to outlive a power cut: PostgreSQL answers each commit without
# waiting for it to reach the disk. The browser tests and the races commit every request
# and every object their factories save (about 3 ms each on this disk, 0.5 ms without).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = str(BASE_DIR / ".test-media")
# The search index is kept up to date on save only where a test reads it (the ``search_index``
# fixture; search/ turns it on for every test): indexing is a fifth of building a course.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database", "AUTO_UPDATE": False}}

# The evaluation block, and a graded block as another app would contribute it
# (stand_in_blocks.py): the courses tests of graded completion and of auditing use it.
AULA_RESOURCE_BODY_BLOCKS = [
    *AULA_RESOURCE_BODY_BLOCKS,
    ("graded_exercise", "lms_site.settings.stand_in_blocks.GradedExerciseBlock"),
]

# Every cache is on, as in production (the ``no_caching`` fixture turns them off where a
# test says why); without Redis they use an in-process cache.
AULA_PAGE_CACHE_SECONDS = 600
if not REDIS_URL:
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}

# Webhooks delivered to a receiver in the test process (http://127.0.0.1:<ephemeral port>);
# the tests of the refusals turn these back to production's values.
AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = True
AULA_WEBHOOKS_REQUIRE_HTTPS = False
