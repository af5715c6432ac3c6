"""Local development: debug on, mail to the console, e-mail verification optional."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")

# The development payment provider ("pay" without keys or money), labelled on every page it shows.
AULA_DEV_PAYMENTS = env.bool("AULA_DEV_PAYMENTS", default=True)
