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


@register(Tags.compatibility)
def check_job_queue(app_configs, **kwargs):
    """A job that runs longer than ``retry`` seconds is handed out again while it still runs
    (the queue takes it for lost): the cluster refuses to start so configured."""
    jobs = settings.Q_CLUSTER
    if jobs.get("timeout") and jobs["timeout"] < jobs.get("retry", 60):  # 60: django-q2's default
        return []
    return [
        Error(
            "Background jobs would run twice: their timeout (Q_TIMEOUT, the longest a job may "
            "run) is not below their retry (Q_RETRY, when a job not finished is handed out again).",
            hint="Set Q_RETRY above Q_TIMEOUT (the defaults are 600 and 900 seconds).",
            id="aula.E002",
        )
    ]
