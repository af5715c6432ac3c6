"""Who wants what: a user's channels for a kind, their choices, and the signed unsubscribe
token an e-mail carries (RFC 8058 one-click, ``List-Unsubscribe``)."""

from django.core import signing
from django.utils import timezone

from . import kinds
from .models import Preference

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def channels_for(user, kind):
    """The channels ``kind`` reaches ``user`` on: the kind's defaults with the user's choices
    applied; a transactional kind's channels always. ``kind`` is a ``Kind`` or its name."""
    kind = kind if isinstance(kind, kinds.Kind) else kinds.get(kind)
    if kind.transactional or user is None or not getattr(user, "pk", None):
        return set(kind.channels)
    chosen = dict(Preference.objects.filter(user=user, kind=kind.name).values_list("channel", "enabled"))
    return {channel for channel in kinds.CHANNELS if chosen.get(channel, channel in kind.channels)}


def choices_for(user):
    """``[(kind, {channel: on})]`` for every kind ``user`` may get, for the preferences page
    (staff-only kinds for staff alone)."""
    chosen = {
        (kind_name, channel): enabled
        for kind_name, channel, enabled in Preference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    rows = []
    is_staff = user.has_perm("wagtailadmin.access_admin")
    for kind in kinds.all_kinds():
        if kind.staff_only and not is_staff:
            continue
        on = {}
        for channel in kinds.CHANNELS:
            default = channel in kind.channels
            on[channel] = default if kind.transactional else chosen.get((kind.name, channel), default)
        rows.append((kind, on))
    return rows


def set_preference(user, kind, channel, enabled):
    """Record ``user``'s choice; a transactional kind cannot be changed (returns False),
    nor can an unknown kind or channel (``UnknownKind`` / ``ValueError``)."""
    kind = kind if isinstance(kind, kinds.Kind) else kinds.get(kind)
    if channel not in kinds.CHANNELS:
        raise ValueError(channel)
    if kind.transactional:
        return False
    Preference.objects.update_or_create(
        user=user, kind=kind.name, channel=channel, defaults={"enabled": bool(enabled), "updated": timezone.now()}
    )
    return True


def unsubscribe_token(user, kind_name, channel="email"):
    """A signed token that turns ``kind_name`` off on ``channel`` for ``user``."""
    return signing.dumps({"u": user.pk, "k": kind_name, "c": channel}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """``(user, kind, channel)`` the token names, or None when it is not one Aula signed (a
    typo, a tampered token) or names what no longer exists."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kind = kinds.get(data["k"])
        channel = data["c"]
        user = get_user_model().objects.filter(pk=int(data["u"])).first()
    except (signing.BadSignature, kinds.UnknownKind, KeyError, TypeError, ValueError):
        return None
    if user is None or channel not in kinds.CHANNELS:
        return None
    return user, kind, channel
