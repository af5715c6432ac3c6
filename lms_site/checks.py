"""Deployment checks (``manage.py check --deploy``) for what Django's own do not cover."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Cache backends that live inside one process: each gunicorn worker would count login
# failures, sign-ups and resets on its own, so rate limits would multiply by the workers.
PER_PROCESS_CACHE_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, Tags.security, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHE_BACKENDS:
        return []
    return [
        Error(
            "The default cache is not shared between processes, so rate limits (logins, "
            "sign-ups, password resets) are counted per worker.",
            hint="Set REDIS_URL (or configure another shared CACHES backend) in production.",
            id="aula.E001",
        )
    ]
