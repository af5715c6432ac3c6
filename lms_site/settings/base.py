"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (listed, with
their defaults, in the README). ``dev``, ``test`` and ``production`` override this file.
"""

import importlib.util
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .object_storage import object_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "lms_site"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# How many reverse proxies (load balancer, nginx) sit in front of gunicorn. With 0 the
# client address is the socket's; with N, the N-th address from the right of
# X-Forwarded-For is used (rate limits key on it).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

INSTALLED_APPS = [
    "accounts.apps.AccountsConfig",
    "home",
    "lms_site",
    "core",
    "caching",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    # Wagtail's redirects, snippets, documents and images, without Wagtail's v3 API (not mounted:
    # django-ninja and pydantic, ~13 MiB of each web worker, never loaded): wagtail_apps.py.
    "lms_site.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.AulaUsersAppConfig",
    "lms_site.wagtail_apps.SnippetsConfig",
    "lms_site.wagtail_apps.DocumentsConfig",
    "lms_site.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_q",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # An id for each request, in its response and in every log line it writes (request_ids.py).
    "lms_site.request_ids.RequestIdMiddleware",
    # /healthz is answered before anything that needs the database or Redis (lms_site/health.py).
    "lms_site.health.AnswerHealthChecks",
    # Pages and JSON gzipped for browsers that accept it, cached pages included (compression.py).
    "lms_site.compression.TextGZipMiddleware",
    "caching.page_cache.AnonymousPageCache",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms_site.languages.LocaleMiddleware",  # Django's, the path's language found once (languages.py)
    "caching.page_routing.SharedSiteMiddleware",
    "home.frame.TopOfTreeMiddleware",  # page URLs written without Wagtail's site-root-paths queries
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.time_zones.TimeZoneMiddleware",
    "lms_site.messages.MessageMiddleware",  # Django's, its storage made when first used (messages.py)
    "courses.admin_refusals.CourseRefusalMiddleware",
    "courses.review_messages.ReviewMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.content_security.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "caching.unavailable.CacheUnavailableMiddleware",  # Redis gone: 503 "briefly unavailable", never a 500
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms_site.urls"
WSGI_APPLICATION = "lms_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.theme",
            ],
        },
    },
]

SILENCED_SYSTEM_CHECKS = []

# --- Data -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections (checked before reuse): opening one per request costs more than
# most pages' queries, on PostgreSQL most of all. 0 closes them after every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction pooling mode, set DISABLE_SERVER_SIDE_CURSORS=true: a
# server-side cursor (QuerySet.iterator() on PostgreSQL) may outlive the transaction and its
# server connection there, which PgBouncer hands to another client.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every request is a transaction. SQLite's default (deferred) transactions fail with
    # "database is locked" when two of them want to write; immediate ones take the write
    # lock at BEGIN and wait for it up to SQLITE_TIMEOUT seconds. WAL lets pages be read
    # while another request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    # MariaDB 10.11+ / MySQL 8 (mysqlclient): every character Unicode has (utf8mb4, emoji
    # included; the database is created with the same charset and collation, see
    # docs/operators/deploying.md); strict mode, so a value too long or out of range is an
    # error rather than silently cut; READ COMMITTED, so a transaction waiting on a row lock
    # (select_for_update: coupons, attempts, seats, invoice numbers) reads the row as the
    # holder committed it, not as it stood when its own transaction began (Django's advice).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "charset": "utf8mb4",
            "collation": "utf8mb4_unicode_ci",
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
            "isolation_level": "read committed",
        }
    )
    DATABASES["default"].setdefault("TEST", {}).update({"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"})
    # MariaDB has no partial (conditional) unique constraints or indexes: Django skips them
    # and says so (models.W036, W037). What each one guarded is enforced otherwise there —
    # one open attempt and one waiting extra-attempt request per student and evaluation (the
    # student's enrollment row locked first), one invoice per order (the order row locked),
    # a payment provider's reference (unique at the provider); the list is in
    # docs/operators/deploying.md#mariadb-and-mysql.
    SILENCED_SYSTEM_CHECKS += ["models.W036", "models.W037"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis that does not answer fails a request after this many seconds instead of
    # holding it until the operating system gives up on the connection (minutes).
    _REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": _REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": _REDIS_TIMEOUT,
                # Redis lost: a read is a miss, a write is dropped (both logged). Wagtail keeps
                # its site root paths in this cache and reads them on every page, so without
                # it every page would be a 500. The rate limits (allauth's) fail closed: their
                # lock cannot be taken, so the action is refused and the visitor is told it is
                # briefly unavailable (lms_site.views.too_many_requests), never let through.
                "IGNORE_EXCEPTIONS": True,
            },
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="aula"),
        }
    }
    # Sessions live in the database, with a copy in Redis read first (cached_db), so they
    # survive Redis being lost (a read falls back to the database, a write goes to the
    # database alone).
    CACHES["sessions"] = {**CACHES["default"], "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="aula") + "-sessions"}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
    # Wagtail writes every rendition it hands out to its cache — a Redis round trip per image
    # per request, even for renditions already fetched with their images. Aula fetches
    # renditions with the images it lists (prefetch_renditions) and keeps rendered fragments
    # in its own shared cache, so this cache would cost more than it saves.
    CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Caching (caching/: its __init__ is the contract) ---------------------------------------
# Whole Wagtail pages for visitors without a session, renewed whenever what they show
# changes. The ``pages`` cache must be shared by every worker and server: Redis when
# REDIS_URL is set, otherwise files that the workers of one machine share.
AULA_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # 0 turns it off
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="aula") + "-pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PAGE_CACHE_DIR", default=str(BASE_DIR / ".page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
# Query parameters a Wagtail page reads (the catalog's filters, paging): a request with any
# other is rendered and not stored. The ignored ones are read only by the browser (``t``:
# where a player starts).
AULA_PAGE_CACHE_QUERY_PARAMETERS = {
    "q",
    "category",
    "level",
    "language",
    "price",
    "page",
    "reviews_page",
    "discussion_page",
}
AULA_PAGE_CACHE_IGNORED_PARAMETERS = {"t", "media"}
# Each signed-in user's own facts from the shared cache (caching/personal_cache.py).
AULA_PERSONAL_CACHE = env.bool("PERSONAL_CACHE", default=True)

# --- Background jobs (django-q2) ---------------------------------------------------------
# Jobs are kept in the database (django-q2's ORM broker), with Redis or without: a job a
# cluster takes stays in its table, locked for ``retry`` seconds, and is deleted only when
# its result is saved; a cluster killed at any moment leaves its jobs there, handed out
# again once their lock expires. (django-q2's Redis broker has no acknowledgement: a killed
# cluster's jobs would be lost.) So every job may run more than once: each is idempotent,
# and what must happen once (an e-mail) is done in the same transaction as the record of it
# (core/once.py). A job's wait in the cluster's own queue and its run count against
# ``retry``: ``timeout`` (the longest run) must stay below it (checked at start-up), and the
# cluster takes only a few jobs ahead (``queue_limit``). After ``max_attempts`` failed runs
# a job is given up (listed under Failed tasks in the Django admin).
_Q_WORKERS = env.int("Q_WORKERS", default=2)
Q_CLUSTER = {
    "name": "aula",
    "orm": "default",
    "workers": _Q_WORKERS,
    "timeout": env.int("Q_TIMEOUT", default=600),
    "retry": env.int("Q_RETRY", default=900),
    "max_attempts": env.int("Q_MAX_ATTEMPTS", default=24),
    "queue_limit": _Q_WORKERS * 2,
    "catch_up": False,
    "label": _("Background jobs"),
}

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, its permissions read from the shared cache; it answers first,
    # and the two after it find the permissions it read on the user.
    "caching.permission_cache.SharedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",  # sessions signed in before it existed
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_PREVENT_ENUMERATION = False  # sign-up says plainly that an address is taken
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one address in five minutes lock that address out for the
    # rest of the window; the per-IP limit stops password spraying across addresses.
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # Not allauth's: the contact form (notifications/communication/contact.py), per client address.
    "contact_form": "5/h/ip",
}
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Aula"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Page and document privacy ("private, for signed-in users") send to the same form.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# The admin signs in (and resets passwords) through allauth's rate-limited forms only;
# Wagtail's own reset form has no limit and would mail anyone as often as asked.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_I18N_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "docx", "xlsx", "pptx", "odt", "ods", "odp", "zip", "epub"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# An approved course review publishes the course with the pages submitted with it.
WAGTAIL_FINISH_WORKFLOW_ACTION = "courses.workflow_finish.publish_workflow_state"

# --- Languages --------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt-br", _("Brazilian Portuguese")),
    ("fr", _("French")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    # Bootstrap's dist files, from the bootstrap-wrapper wheel: no CDN anywhere. Pages load its
    # JavaScript from there and css/bootstrap.min.css, its stylesheet reduced to what our
    # templates use (make css); the icons are lms_site/static/icons/sprite.svg (make icons).
    ("bootstrap", list(importlib.util.find_spec("bootstrap").submodule_search_locations)[0]),
]
STORAGES = {
    "default": {"BACKEND": "courses.storage.SiteMediaStorage"},  # removes what a failed write leaves
    # Course video, audio, captions, slide decks, attachments and the PDFs (courses/storage.py).
    "private": {"BACKEND": "courses.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

# "local": uploaded files in MEDIA_ROOT and PRIVATE_MEDIA_ROOT on this machine; "s3": in
# S3-compatible object storage, so app servers and workers share no disk
# (docs/operators/storage.md).
AULA_MEDIA_STORAGE = env("MEDIA_STORAGE", default="local")
if AULA_MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured('MEDIA_STORAGE is "local" or "s3"')
# How long a signed URL to a private file works, in seconds: the time a player may keep
# seeking in a video after the page gave it the file (the browser follows the redirect once).
AULA_SIGNED_URL_SECONDS = env.int("S3_SIGNED_URL_SECONDS", default=3 * 3600)
AULA_STORAGE_ORIGINS = []  # where browsers fetch files from, besides the site
if AULA_MEDIA_STORAGE == "s3":
    _object_storages, AULA_STORAGE_ORIGINS = object_storages(env)
    STORAGES = {**STORAGES, **_object_storages}

# --- E-mail -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Aula <no-reply@aula.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers -------------------------------------------------------------------
SESSION_COOKIE_SAMESITE = "Lax"  # Lax, not Strict: payment redirects must keep the session
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "lms_site.views.csrf_failure"  # the site's styled, translated 403 page
X_FRAME_OPTIONS = "SAMEORIGIN"  # the Wagtail preview panel frames our own pages
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy for the public site. The Wagtail admin is excluded: its editor
# relies on inline scripts and styles it cannot do without (see README).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Object storage: public images come from the bucket (or its CDN), and the views answer
# private files with redirects to signed URLs there: video and audio, PDFs shown in frames,
# the images of course collections.
for _directive in ("img-src", "media-src", "frame-src"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] += AULA_STORAGE_ORIGINS

# --- Logging ----------------------------------------------------------------------------
# One line per record on the standard error (journald or the container's log collects it),
# each with the id of the request that wrote it. LOG_FORMAT: "text" (the default here) or
# "json" (production's default: one JSON object per line, python-json-logger).
LOG_FORMAT = env("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms_site.request_ids.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # its progress steps, logged at INFO on import
        "fontTools": {"level": "WARNING"},
    },
}

# --- Courses: course media, uploads, protected files -------------------------------------
INSTALLED_APPS += ["courses", "wagtailmedia"]

# Course video and audio use Aula's own media model (chosen before courses' first
# migration). Uploads are checked by extension AND content in courses/uploads.py.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "courses.CourseMedia",
    "MEDIA_FORM_BASE": "courses.uploads.MediaUploadForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "wav", "webm"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "mov", "m4v", "ogv"],
    "ENABLE_API_V3": False,  # Wagtail's v3 API is not mounted (lms_site/wagtail_apps.py)
}
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.DocumentUploadForm"
# Documents always go through Wagtail's view, so the before_serve_document hook can ask
# the course access rule; never link straight to MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Largest accepted upload (video, audio, documents, captions), in bytes.
AULA_MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_MB", default=500) * 1024 * 1024
# Course archives (courses/archive/, docs/operators/course-archives.md): the largest archive
# ``import_course`` accepts and what its files may unpack to; the admin's import form takes
# archives up to AULA_MAX_UPLOAD_SIZE.
AULA_COURSE_ARCHIVE_MAX_SIZE = env.int("COURSE_ARCHIVE_MAX_MB", default=8192) * 1024 * 1024
AULA_COURSE_ARCHIVE_MAX_UNPACKED_SIZE = env.int("COURSE_ARCHIVE_MAX_UNPACKED_MB", default=10240) * 1024 * 1024
# Course video, audio and captions are stored here, outside MEDIA_ROOT, so no web server
# configuration can expose them at MEDIA_URL; Aula's media view serves them after asking
# courses.access. Empty: "<MEDIA_ROOT>-private" (a sibling folder of MEDIA_ROOT).
AULA_PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default="")
# With nginx in front, set e.g. "/protected-media/" (an `internal` location aliased to the
# private media folder): the view then answers with X-Accel-Redirect and nginx sends the
# bytes (Range included) instead of Python.
AULA_MEDIA_ACCEL_REDIRECT_PREFIX = env("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
# The same for the protected files under MEDIA_ROOT (course documents, the images of course
# collections), e.g. "/protected-site-media/" aliased to MEDIA_ROOT (deploy/nginx/aula.conf).
AULA_SITE_MEDIA_ACCEL_REDIRECT_PREFIX = env("SITE_MEDIA_ACCEL_REDIRECT_PREFIX", default="")

# --- Notifications (notifications/) --------------------------------------------------------
# The one way Aula tells someone something: declared kinds, the notification centre, e-mails
# in the recipient's language with one-click unsubscribe, sent once each by django-q2.
INSTALLED_APPS += ["notifications"]

# --- Discussions ------------------------------------------------------------------------
INSTALLED_APPS += ["discussions"]
# How long, after posting, the author of a discussion post may still edit it.
AULA_DISCUSSION_EDIT_WINDOW_MINUTES = env.int("DISCUSSION_EDIT_WINDOW_MINUTES", default=15)
# How many questions and replies one person may post in any hour (0: no limit); a page's
# moderators (a course's instructors, site moderators) are not counted.
AULA_DISCUSSION_POSTS_PER_HOUR = env.int("DISCUSSION_POSTS_PER_HOUR", default=20)
# A page's recipients (a course's instructors) get at most one e-mail about new questions
# in this many minutes: the questions asked meanwhile arrive together when it is over.
AULA_DISCUSSION_DIGEST_MINUTES = env.int("DISCUSSION_DIGEST_MINUTES", default=10)
# Pages that hold new accounts' posts for a moderator's approval (blog comments) count an
# account as new for this many days after sign-up, or while it has no verified address.
AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS = env.int("DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS", default=7)

# --- Your data: export and account deletion (accounts/) -----------------------------------
# A learner may ask for one export of their data every AULA_DATA_EXPORT_INTERVAL_HOURS; the
# e-mailed link (and the zip behind it) lives AULA_DATA_EXPORT_LINK_HOURS.
AULA_DATA_EXPORT_INTERVAL_HOURS = env.int("DATA_EXPORT_INTERVAL_HOURS", default=24)
AULA_DATA_EXPORT_LINK_HOURS = env.int("DATA_EXPORT_LINK_HOURS", default=72)

# --- Learning -----------------------------------------------------------------------------
# A video or audio resource completes once this share of it has been watched.
AULA_PLAYBACK_COMPLETION_RATIO = env.float("PLAYBACK_COMPLETION_RATIO", default=0.9)

# No avatars from gravatar.com: nothing is fetched from the network at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Resource-body blocks other apps contribute, as (name, "dotted.path.to.BlockClass"). Each
# block's Meta declares resource_kind and completion (see courses/blocks.py).
AULA_RESOURCE_BODY_BLOCKS = [
    ("evaluation", "assessments.blocks.EvaluationBlock"),
    ("live_session", "events.blocks_live.LiveSessionBlock"),
    ("slides", "courses.slide_blocks.SlidesBlock"),
]

# With the caches off, pages are routed by the home app from the top of the page tree
# (home/routing.py: fewer queries than Wagtail's walk); "" leaves routing to Wagtail.
AULA_PAGE_ROUTER = "home.routing.route_for_request"

# Home-page blocks other apps contribute (latest posts, upcoming master classes…), as
# (name, "dotted.path.to.BlockClass"); each has its own template and preview value.
AULA_HOME_BODY_BLOCKS = [
    ("testimonials", "courses.home_blocks.TestimonialsBlock"),
    ("latest_posts", "blog.blocks.LatestPostsBlock"),
    ("upcoming_master_classes", "events.blocks.UpcomingMasterClassesBlock"),
]

# --- Assessments --------------------------------------------------------------------------
INSTALLED_APPS += ["assessments"]

# --- Certificates -------------------------------------------------------------------------
INSTALLED_APPS += ["certificates"]
# The Ed25519 private key (PEM) that signs certificates' verifiable credentials. Empty: the
# key in AULA_CERTIFICATE_SIGNING_KEY_FILE, generated there on first use (demo, development).
# Production must set one (`manage.py certificate_signing_key` prints a new one);
# `check --deploy` says so.
AULA_CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="").replace("\\n", "\n")
AULA_CERTIFICATE_SIGNING_KEY_FILE = env(
    "CERTIFICATE_SIGNING_KEY_FILE", default=str(BASE_DIR / "certificate-signing-key.pem")
)
# How many verification look-ups one address may make per minute, and how many of them
# may be for codes that do not exist (a code cannot be guessed, nor enumerated).
AULA_CERTIFICATE_VERIFY_RATE = env.int("CERTIFICATE_VERIFY_PER_MINUTE", default=30)
AULA_CERTIFICATE_VERIFY_MISSES = env.int("CERTIFICATE_VERIFY_MISSES_PER_HOUR", default=20)

# --- Commerce -------------------------------------------------------------------------------
INSTALLED_APPS += ["commerce"]
# Catalog page types other apps add under the catalog (courses never imports them).
AULA_CATALOG_PAGE_TYPES = ["commerce.ProgramPage"]
# Google's ad script is allowed only on the pages that show an ad (commerce/ads.py).
# (Before the page cache's fetch, which stays last: a cached page keeps the CSP it was served with.)
MIDDLEWARE.append("commerce.ads.AdsCSPMiddleware")
# The one site currency (ISO 4217) of every price and order; checked at start-up.
AULA_CURRENCY = env("AULA_CURRENCY", default="USD").upper()
# Payment providers switch on when their keys are set. The development provider (no real
# money) exists only with the dev settings (AULA_DEV_PAYMENTS = True there).
AULA_DEV_PAYMENTS = False
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="")
PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")
PAYPAL_WEBHOOK_ID = env("PAYPAL_WEBHOOK_ID", default="")
PAYPAL_SANDBOX = env.bool("PAYPAL_SANDBOX", default=True)
# A form posted to Aula may redirect to the providers' hosted pages (browsers apply
# form-action to that redirect).
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [
    "https://checkout.stripe.com",
    "https://www.paypal.com",
    "https://www.sandbox.paypal.com",
]

# --- Events: master classes, live sessions, the calendar and its feeds (events/) ------------
INSTALLED_APPS += ["events"]
# A paid master-class seat cancelled at least this many hours before the start is refunded.
AULA_MASTER_CLASS_REFUND_HOURS = env.int("MASTER_CLASS_REFUND_HOURS", default=48)
# Page types outside courses whose pages may use course files (video, documents) and say
# who opens them (the page's ``opens_files_to(user)``; courses/access.py asks it).
AULA_FILE_PAGE_TYPES = ["events.MasterClassPage"]

# --- Translation (wagtail-localize) -------------------------------------------------------
# A page submitted for translation stays a draft in the other language until its translation
# is reviewed and published (home/translators.py), even when the source is live.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Blog (blog/) ---------------------------------------------------------------------------
# Editors publish posts in every language; comments through discussions; RSS and Atom feeds.
INSTALLED_APPS += ["blog", "wagtail.contrib.routable_page"]

# --- Search (search/) -----------------------------------------------------------------------
INSTALLED_APPS += ["search"]
# Wagtail's database backend by default (SQLite FTS5; on PostgreSQL full-text search with
# each language's dictionary, AULA_SEARCH_DICTIONARIES). SEARCH_BACKEND=opensearch or
# elasticsearch sends the index to SEARCH_URL instead (needs opensearch-py or
# elasticsearch installed, and `manage.py update_index` once; see the README).
AULA_SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
AULA_SEARCH_DICTIONARIES = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
_SEARCH_BACKEND_MODULES = {
    "database": "search.backends.database",
    "opensearch": "wagtail.search.backends.opensearch2",
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
}
if AULA_SEARCH_BACKEND not in _SEARCH_BACKEND_MODULES:
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {', '.join(_SEARCH_BACKEND_MODULES)}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": _SEARCH_BACKEND_MODULES[AULA_SEARCH_BACKEND]}}
if AULA_SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {"URLS": env.list("SEARCH_URL", default=["http://localhost:9200"]), "INDEX_PREFIX": "aula_"}
    )

# --- Public API (api/) ----------------------------------------------------------------------
# /api/v1/: keys made by administrators (Settings → API keys), scopes, an OpenAPI schema and
# its reference rendered from drf-spectacular-sidecar's files (no CDN). docs/developers/api.md.
INSTALLED_APPS += ["api.apps.ApiConfig", "rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# Requests per key, counted in the shared cache: "<n>/<second|minute|hour|day>". Past it: 429.
AULA_API_RATE = env("API_RATE", default="120/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Aula API",
    "DESCRIPTION": "Aula's public REST API: catalog, enrollments, progress, certificates and orders.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "PREPROCESSING_HOOKS": ["api.schema.only_the_api"],
}
# --- Outgoing webhooks (api/webhooks/; docs/developers/webhooks.md) -------------------------
INSTALLED_APPS += ["api.webhooks"]
# Safe for production by default: URLs on private, loopback, link-local or reserved addresses
# are refused (server-side request forgery), and only https URLs are accepted.
AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = env.bool("WEBHOOKS_ALLOW_PRIVATE_URLS", default=False)
AULA_WEBHOOKS_REQUIRE_HTTPS = env.bool("WEBHOOKS_REQUIRE_HTTPS", default=True)
AULA_WEBHOOKS_TIMEOUT_SECONDS = env.int("WEBHOOKS_TIMEOUT_SECONDS", default=10)
AULA_WEBHOOKS_MAX_ATTEMPTS = env.int("WEBHOOKS_MAX_ATTEMPTS", default=8)
AULA_WEBHOOKS_RETRY_SECONDS = env.int("WEBHOOKS_RETRY_SECONDS", default=60)  # then ×4 each time, at most a day
