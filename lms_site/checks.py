"""Deployment checks (``manage.py check --deploy``) for what Django's own do not cover."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

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


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@register(Tags.security, deploy=True)
def check_public_address(app_configs, **kwargs):
    """Production needs the site's real host names and address: without them links in
    e-mails, certificates' verification addresses and credentials point at this machine."""
    problems = []
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts or hosts <= LOCAL_HOSTS or "*" in hosts:
        problems.append(
            Error(
                f"ALLOWED_HOSTS is {sorted(hosts)}: the site's own host names are missing (or '*' accepts any).",
                hint="Set ALLOWED_HOSTS to the site's host names, e.g. ALLOWED_HOSTS=learn.example.org.",
                id="aula.E003",
            )
        )
    site_url = urlsplit(settings.SITE_URL)
    if site_url.scheme != "https" or (site_url.hostname or "") in LOCAL_HOSTS:
        problems.append(
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: e-mails, certificates and credentials would link to it.",
                hint="Set SITE_URL to the public HTTPS address, e.g. SITE_URL=https://learn.example.org.",
                id="aula.E004",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def check_mail(app_configs, **kwargs):
    backend = settings.EMAIL_BACKEND
    if backend.endswith("smtp.EmailBackend") and settings.EMAIL_HOST not in LOCAL_HOSTS:
        return []
    if backend.endswith("smtp.EmailBackend"):
        message = f"E-mail goes to an SMTP relay on this machine ({settings.EMAIL_HOST}:{settings.EMAIL_PORT})."
    else:
        message = f"E-mail is not sent by SMTP ({backend}): receipts, certificates and sign-up links are lost."
    return [
        Warning(
            message,
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (or silence aula.W003 "
            "if a local relay is intended).",
            id="aula.W003",
        )
    ]
