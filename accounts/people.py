"""Managing people from the admin: who may, and what they may do to an account (give or
take a role, confirm an address by hand, send the confirmation e-mail again).

Who manages people: superusers and holders of ``accounts.change_user`` ("Can change
user"), the permission Wagtail's own user editor asks for. It is enough because such a
holder may already set a user's groups in Wagtail's user form; no role group holds it by
default. Making someone an administrator (superuser) stays in that form, for superusers.

Each function changes nothing and raises ``AccountError`` (a translatable message) when
asked for something that cannot be done."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from .exceptions import AccountError
from .roles import ROLE_LABELS, STAFF_GROUPS


def may_manage_people(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("accounts.change_user"))


def role_choices():
    return [(name, ROLE_LABELS[name]) for name in STAFF_GROUPS]


def _role_group(role):
    if role not in STAFF_GROUPS:
        raise AccountError(_("Choose one of the roles offered."))
    return Group.objects.get_or_create(name=role)[0]


def grant_role(user, role):
    """Give ``user`` the role ``role`` (a staff group's name). Returns False when they had it."""
    group = _role_group(role)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    _renew(user)
    return True


def revoke_role(user, role):
    """Take the role ``role`` from ``user``. Returns False when they did not have it."""
    group = _role_group(role)
    if not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    _renew(user)
    return True


def _renew(user):
    """A role changes what the user's own pages show (their dashboard's panels)."""
    from caching import scopes

    scopes.renew(scopes.user(user.pk))


def is_verified(user):
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def verify_by_hand(user):
    """Mark ``user``'s address as confirmed (staff checked it another way): they may log in."""
    if is_verified(user):
        raise AccountError(_("%(email)s is already confirmed.") % {"email": user.email})
    with transaction.atomic():
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if address is None:
            address = EmailAddress(user=user, email=user.email, primary=not user.emailaddress_set.exists())
        address.verified = True
        address.save()
    return address


def resend_verification(request, user):
    """Send ``user`` the e-mail that confirms their address again (allauth's, through
    notifications)."""
    if not user.is_active:
        raise AccountError(_("This account is deactivated."))
    if is_verified(user):
        raise AccountError(_("%(email)s is already confirmed.") % {"email": user.email})
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress.objects.create(
            user=user, email=user.email, primary=not user.emailaddress_set.exists(), verified=False
        )
    address.send_confirmation(request)
    return address
