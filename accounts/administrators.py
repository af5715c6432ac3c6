"""The site's first administrator, made without e-mail.

The site login (allauth, ``ACCOUNT_EMAIL_VERIFICATION = "mandatory"``) refuses an account
until its address is confirmed, and ``createsuperuser`` leaves it unconfirmed: a new site
without SMTP would have no way into the admin. ``create_administrator`` makes a superuser
whose address is already verified, so it logs in through the usual rate-limited form.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .exceptions import AccountError


def create_administrator(email, password):
    """A new active superuser with ``email`` (a verified, primary address) and ``password``
    (which must pass the site's password rules). Raises ``AccountError``, having changed
    nothing, for an invalid or taken address or a weak password."""
    User = get_user_model()
    email = User.objects.normalize_email((email or "").strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(_("“%(email)s” is not a valid e-mail address.") % {"email": email}) from None
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise AccountError(_("An account with the address %(email)s already exists.") % {"email": email})
    try:
        validate_password(password, user=User(email=email))
    except ValidationError as weak:
        raise AccountError(" ".join(weak.messages)) from None
    with transaction.atomic():
        user = User.objects.create_superuser(email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
