"""The language Aula writes to someone in: their profile's choice, else the language they
signed up in, else (a visitor, an account from before) the page's language, else the
site's. The allauth adapter writes every account e-mail in it (accounts/adapter.py);
other apps' e-mails may call ``language_of`` too."""

from django.conf import settings
from django.utils import translation


def language_of(user):
    codes = dict(settings.LANGUAGES)
    if user is not None:
        for code in (getattr(user, "language", ""), getattr(user, "signup_language", "")):
            if code in codes:
                return code
    current = translation.get_language()
    return current if current in codes else settings.LANGUAGE_CODE


def recipient_of(email):
    """The account an e-mail address belongs to, or None (a sign-up attempt for an
    unknown address, say)."""
    from .models import User

    return User.objects.filter(email__iexact=email).first()
