"""Local development: debug on, mail to the console, e-mail verification optional."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")

# The development payment provider ("pay" without keys or money), labelled on every page it shows.
AULA_DEV_PAYMENTS = env.bool("AULA_DEV_PAYMENTS", default=True)

# Webhooks to a receiver on this machine (http://127.0.0.1:…) while developing.
AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = env.bool("WEBHOOKS_ALLOW_PRIVATE_URLS", default=True)
AULA_WEBHOOKS_REQUIRE_HTTPS = env.bool("WEBHOOKS_REQUIRE_HTTPS", default=False)
