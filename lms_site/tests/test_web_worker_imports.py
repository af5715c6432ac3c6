"""A web worker starts without the libraries only PDFs, payments and calendar files need
(WeasyPrint, the Stripe and PayPal SDKs, segno: ~27 MiB of each worker's memory; icalendar:
~3 MiB). They are imported when first used: a PDF rendered (normally in the task worker), a
payment, a refund, a webhook, an ``.ics`` file or feed built."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# ninja: Wagtail's v3 API, which Aula does not mount (lms_site/wagtail_apps.py).
NOT_AT_START = ["weasyprint", "stripe", "paypalserversdk", "segno", "jwt", "icalendar", "ninja"]

# What gunicorn does (the WSGI application), plus every URLconf and the admin hooks they load.
START_WORKER = f"""
import json, sys
from lms_site.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps([name for name in {NOT_AT_START!r} if name in sys.modules]))
"""


def test_a_web_worker_starts_without_the_pdf_and_payment_libraries():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms_site.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", START_WORKER], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
