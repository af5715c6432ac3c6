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
        """Every account e-mail (verification, password reset…) goes through
        ``notifications`` (kind ``accounts.account``, transactional), written with allauth's
        templates in the recipient's language, whatever the language of the page that caused
        it. allauth's rate limits apply before it is called."""
        from notifications.sending import notify

        user = context.get("user") or recipient_of(email)
        language = language_of(user)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", ()) if mimetype == "text/html"), ""
        )
        owner = user if user is not None and user.email.lower() == email.lower() else None
        notify(
            owner or email,
            "accounts.account",
            subject=message.subject,
            body=message.body,
            html=html,
            language=language,
        )
