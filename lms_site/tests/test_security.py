import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]

# The README's example production environment.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms_site.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "learn.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://learn.example.org",
    "SITE_URL": "https://learn.example.org",
    "DATABASE_URL": "sqlite:////tmp/aula-deploy-check.sqlite3",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/4",
    # A throw-away test key (certificates' signed credentials), never a real one.
    "CERTIFICATE_SIGNING_KEY": (
        "-----BEGIN PRIVATE KEY-----\n"
        "MC4CAQAwBQYDK2VwBCIEICv+Csl0wyj8FjsbZI94QCz+QBYHJr8xAifqEMktqMwZ\n"
        "-----END PRIVATE KEY-----"
    ),
}


def _manage(*args, without=(), extra=None):
    env = {**os.environ, **PRODUCTION_ENV, **(extra or {})}
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", *without):  # the browser tests set the former
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_without_a_shared_cache():
    """Without Redis every gunicorn worker would keep its own rate-limit counters."""
    result = _manage("check", "--deploy", without=("REDIS_URL",))
    assert result.returncode != 0
    assert "aula.E001" in result.stderr
    assert "REDIS_URL" in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in {**os.environ, **PRODUCTION_ENV}.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_public_pages_send_a_content_security_policy(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_admin_is_excluded_from_the_content_security_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_session_cookie_is_same_site_lax(client, user_factory):
    user_factory(email="sam@example.com", password="a-Strong-pass-2026")
    response = client.post("/en/accounts/login/", {"login": "sam@example.com", "password": "a-Strong-pass-2026"})
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_pages_use_no_cdn(client):
    html = client.get("/en/").content.decode()
    for tag in ('<script src="http', '<link rel="stylesheet" href="http', "//cdn"):
        assert tag not in html


def test_bootstrap_and_icons_are_served_by_the_site():
    """Bootstrap's script from its wheel; its stylesheet reduced and the icon sprite, built
    from the bootstrap-wrapper and fontawesomefree packages (make css, make icons)."""
    from django.contrib.staticfiles import finders

    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")
    assert finders.find("css/bootstrap.min.css")
    assert finders.find("icons/sprite.svg")


def test_production_sends_mail_by_smtp_by_default():
    env = {
        k: v for k, v in {**os.environ, **PRODUCTION_ENV}.items() if k not in ("EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend", result.stderr


@pytest.mark.parametrize(
    ("changed", "check_id", "named"),
    [
        ({"ALLOWED_HOSTS": None}, "aula.E003", "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "aula.E003", "ALLOWED_HOSTS"),
        ({"SITE_URL": None}, "aula.E004", "SITE_URL"),
        ({"SITE_URL": "http://learn.example.org"}, "aula.E004", "SITE_URL"),
        ({"EMAIL_URL": None}, "aula.W003", "EMAIL_URL"),
        ({"CERTIFICATE_SIGNING_KEY": None}, "certificates.W001", "CERTIFICATE_SIGNING_KEY"),
    ],
)
def test_deploy_check_names_each_missing_production_setting(changed, check_id, named):
    without = [name for name, value in changed.items() if value is None]
    env = {name: value for name, value in changed.items() if value is not None}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", without=without, extra=env)
    assert result.returncode != 0
    assert check_id in result.stderr
    assert named in result.stderr
