"""The language and time zone Aula writes to someone in.

Language: the *Language of e-mails* of their profile, else the language they signed up in,
else the one the caller knows they used (the language a course was taken or an order placed
in), else the site's. Time zone: their profile's, else the site's (``accounts.time_zones``).
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from accounts.time_zones import zone_of


def language_for(user, hint=None):
    codes = dict(settings.LANGUAGES)
    for code in (getattr(user, "language", ""), getattr(user, "signup_language", ""), hint or ""):
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


@contextmanager
def written_for(user, hint=None):
    """Render inside this: the recipient's language and time zone are active."""
    language = language_for(user, hint)
    zone = zone_of(user) if user is not None else zone_of(None)
    with translation.override(language), timezone.override(zone):
        yield language
