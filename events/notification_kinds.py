"""What the events app tells people (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register


def _still_registered(notification):
    """A reminder is not sent to someone who cancelled meanwhile."""
    from .models import Registration

    if not notification.target_id:
        return True
    return Registration.objects.filter(pk=notification.target_id, status=Registration.Status.REGISTERED).exists()


register(
    Kind(
        "events.reminder",
        label=_("Master class reminders"),
        description=_("A day and an hour before a master class you registered for."),
        recipients=_("those registered for the master class"),
        channels={SITE, EMAIL},
        still_wanted=_still_registered,
    )
)
register(
    Kind(
        "events.changed",
        label=_("Master class changes"),
        description=_("When a master class you registered for moves to another time or is cancelled."),
        recipients=_("those registered for the master class and its waiting list"),
        channels={SITE, EMAIL},
        transactional=True,
    )
)
register(
    Kind(
        "events.promoted",
        label=_("A seat for you"),
        description=_("When a seat frees up in a master class whose waiting list you are on."),
        recipients=_("the first on the waiting list"),
        channels={SITE, EMAIL},
        transactional=True,
    )
)
