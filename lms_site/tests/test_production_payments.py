"""Commerce settings: the development provider cannot exist on a production site, even if its
variable is set; the site currency must be an ISO 4217 code."""

import os
import subprocess
import sys

from .test_security import BASE_DIR, PRODUCTION_ENV

PROBE = (
    "from django.conf import settings; from commerce import gateways; "
    "print(settings.AULA_DEV_PAYMENTS, [str(name) for name, _label in gateways.available()])"
)


def test_production_settings_have_no_development_provider_and_no_provider_without_keys():
    env = {**os.environ, **PRODUCTION_ENV, "AULA_DEV_PAYMENTS": "true"}
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "STRIPE_SECRET_KEY", "PAYPAL_CLIENT_ID"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False []"


def test_the_site_currency_must_be_an_iso_4217_code(settings):
    from commerce.checks import site_currency_is_iso_4217

    settings.AULA_CURRENCY = "BRL"
    assert site_currency_is_iso_4217(None) == []
    settings.AULA_CURRENCY = "XYZ"
    assert [error.id for error in site_currency_is_iso_4217(None)] == ["commerce.E001"]
