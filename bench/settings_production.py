"""The bench's Aula servers: production's settings (``lms_site.settings.production``: DEBUG
off, the same middleware, caches, sessions and templates), secrets and addresses from the
environment the bench gives them (``bench/harness.py``).

One difference: static files are collected with Django's ``ManifestStaticFilesStorage``
(the same hashed names, looked up in the same manifest by ``{% static %}``) instead of
whitenoise's compressing subclass, whose gzip and Brotli pass over every file makes
``collectstatic`` take minutes on each run. The benchmark never asks for a static file.
"""

from lms_site.settings.production import *  # noqa: F403
from lms_site.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
