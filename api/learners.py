"""A learner is addressed by their user id or their e-mail address."""

import re

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError

ID = re.compile(r"^[0-9]{1,18}$")


def learner_from(value, field="learner"):
    """The active user that ``value`` (an id or an e-mail address) names. An address with no
    account is a 404: the API does not create accounts (the learner signs up first)."""
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError({field: [_("Null characters are not allowed.")]})
    users = get_user_model().objects.filter(is_active=True)
    if ID.match(value):
        user = users.filter(pk=int(value)).first()
    elif "@" in value and len(value) <= 254:
        user = users.filter(email__iexact=value).first()
    else:
        raise ValidationError({field: [_("Give a learner's id or e-mail address.")]})
    if user is None:
        raise NotFound(_("No learner has this id or e-mail address (the API does not create accounts)."))
    return user
