"""Personal feeds: a secret, rotatable address per user (``CalendarFeedToken``) that
calendar applications subscribe to, and what each feed holds."""

import re
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CalendarFeedToken
from ..models.calendar import new_feed_token
from .sources import personal_entries, public_entries

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# What a feed covers: recent past (a session just held stays visible) and the year ahead.
FEED_PAST = timedelta(days=30)
FEED_FUTURE = timedelta(days=365)


def feed_token(user):
    """The user's feed token, made on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token.token


def rotate_feed_token(user):
    """A new secret: the old address stops working at once. Returns the new token."""
    with transaction.atomic():
        row, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
        if not created:
            row.token = new_feed_token()
            row.save(update_fields=["token", "created"])
    return row.token


def user_for_token(token):
    """The user whose feed ``token`` opens, or None (malformed, unknown, rotated)."""
    if not token or not TOKEN_PATTERN.match(token):
        return None
    row = CalendarFeedToken.objects.filter(token=token).select_related("user").first()
    if row is None or not row.user.is_active:
        return None
    return row.user


def feed_window(now=None):
    now = now or timezone.now()
    return now - FEED_PAST, now + FEED_FUTURE


def personal_feed_entries(user, now=None):
    return personal_entries(user, *feed_window(now))


def public_feed_entries(locale, now=None):
    return public_entries(locale, *feed_window(now))


def personal_feed_name(site_name):
    return _("%(site)s — my calendar") % {"site": site_name}


def public_feed_name(site_name):
    return _("%(site)s — master classes") % {"site": site_name}
