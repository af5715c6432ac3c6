from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from .mail_language import language_of, recipient_of


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        """Aula has no usernames: the e-mail address is the login."""

    def save_user(self, request, user, form, commit=True):
        """Remember the language the user signed up in (their e-mails' language until
        they choose one on their profile)."""
        user.signup_language = language_of(None)
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Every account e-mail (verification, password reset…) in the recipient's
        language, whatever the language of the page that caused it."""
        user = context.get("user") or recipient_of(email)
        with translation.override(language_of(user)):
            super().send_mail(template_prefix, email, context)
