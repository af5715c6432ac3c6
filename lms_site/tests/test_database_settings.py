"""DISABLE_SERVER_SIDE_CURSORS reaches Django's database settings (PgBouncer in transaction
pooling mode needs it: docs/operators/operations.md, "Scaling out")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTING = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS'])"
)


@pytest.mark.parametrize(("value", "expected"), [(None, "False"), ("true", "True"), ("false", "False")])
def test_server_side_cursors_follow_the_environment(value, expected):
    env = {key: val for key, val in os.environ.items() if key != "DISABLE_SERVER_SIDE_CURSORS"}
    env["DJANGO_SETTINGS_MODULE"] = "lms_site.settings.test"
    if value is not None:
        env["DISABLE_SERVER_SIDE_CURSORS"] = value
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTING], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
