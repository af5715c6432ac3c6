from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from .mail_language import language_of, recipient_of
from .waiting import remember_address_sent, waiting_page


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        """Aula has no usernames: the e-mail address is the login."""

    def save_user(self, request, user, form, commit=True):
        """Remember the language the user signed up in (their e-mails' language until
        they choose one on their profile)."""
        user.signup_language = language_of(None)
        return super().save_user(request, user, form, commit=commit)

    def respond_email_verification_sent(self, request, user):
        """Back to the page waiting for this visitor (their cart), which says where the link
        went; allauth's "we sent you a link" page otherwise."""
        url = waiting_page(request, user)
        if url is None:
            return super().respond_email_verification_sent(request, user)
        remember_address_sent(request, user)
        return HttpResponseRedirect(url)

    def get_email_verification_redirect_url(self, email_address):
        """After the confirmation link: the waiting page (the cart) when there is one — through
        the login form when the link was opened in a browser that is not signed in."""
        url = waiting_page(self.request, email_address.user)
        if url is None:
            return super().get_email_verification_redirect_url(email_address)
        if self.request.user.is_authenticated:
            return url
        return f"{reverse('account_login')}?{urlencode({'next': url})}"

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
