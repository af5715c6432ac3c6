"""Deleting an account: every app erases or anonymises what it holds (its provider's
``erase``, ``accounts.personal_data``), then the user row is anonymised in place — it stays,
because orders and invoices (kept for accounting) point at it — inactive, with an unusable
password, no name, no address (``deleted-<id>@deleted.invalid``), no roles, its allauth
addresses removed and its sessions ended. It shows as "deleted user" wherever it appears
(discussion posts, messages, staff records). The address is free at once: the same person
may sign up again, as a new account.

All or nothing: one transaction, with the user row locked first, so two deletions at once
delete once (the second finds the account deleted and refuses)."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caching import scopes

from .exceptions import AccountError
from .personal_data import DeletionChoices, providers
from .roles import INSTRUCTORS

DELETED_DOMAIN = "deleted.invalid"


def delete_account(user, choices=None):
    """Erase ``user``'s personal data and anonymise their account (see the module). Raises
    ``AccountError`` when the account is already deleted; changes nothing then."""
    choices = choices or DeletionChoices()
    with transaction.atomic():
        account = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if account is None or account.deleted_at is not None:
            raise AccountError(_("This account has already been deleted."))
        for provider in providers():
            if provider.erase is not None:
                provider.erase(account, choices)
        _anonymise(account)
    user.refresh_from_db()
    return account


def _anonymise(account):
    if account.is_superuser or account.groups.filter(name=INSTRUCTORS).exists():
        # An instructor's name, bio and photo show on their courses' anonymous pages (as
        # when the profile form changes them).
        scopes.renew(scopes.SITE)
    account.email = f"deleted-{account.pk}@{DELETED_DOMAIN}"
    account.first_name = account.last_name = account.display_name = ""
    account.bio = account.time_zone = account.language = account.signup_language = ""
    account.is_active = account.is_staff = account.is_superuser = False
    account.set_unusable_password()
    account.deleted_at = timezone.now()
    account.save()
    account.groups.clear()
    account.user_permissions.clear()
    _end_sessions(account)


def _end_sessions(account):
    """Every session logged in as the account (the sessions' own store; in the cache too)."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(account.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            store(session_key=session.session_key).delete()
