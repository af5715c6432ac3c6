"""gunicorn listens on loopback unless told otherwise, so only the local reverse proxy
reaches it and X-Forwarded-For cannot be forged by a client connecting directly."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _gunicorn_bind(**environment):
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_BIND"}
    env.update(DJANGO_SETTINGS_MODULE="lms_site.settings.test", **environment)
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "-c", "gunicorn.conf.py", "lms_site.wsgi"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    match = re.search(r"^bind\s*=\s*(.+)$", result.stdout, re.MULTILINE)
    assert match, result.stdout + result.stderr
    return match.group(1).strip()


@pytest.mark.parametrize("proxies", ["0", "1"])
def test_gunicorn_binds_to_loopback_by_default(proxies):
    assert _gunicorn_bind(TRUSTED_PROXY_COUNT=proxies) == "['127.0.0.1:8000']"


def test_gunicorn_bind_address_comes_from_gunicorn_bind():
    assert _gunicorn_bind(GUNICORN_BIND="10.0.0.5:9000") == "['10.0.0.5:9000']"
