"""Which time zone a visitor reads a master class's times in, and its name.

Signed-in users: their profile's (``accounts.time_zones``, activated by its middleware);
a user who never chose one has it detected once from the browser (``static/events/
time_zone.js`` posts ``Intl.DateTimeFormat().resolvedOptions().timeZone`` to
``views.detect_time_zone``). Anonymous visitors: the site's zone, named, so the page
reads right without scripts; the same script then shows the times in the browser's zone.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.time_zones import time_zone_names


def shown_zone(request):
    """The name of the zone times are shown in for this request (the active one)."""
    return timezone.get_current_timezone_name()


class UnknownTimeZone(ValueError):
    pass


def save_detected_zone(user, name):
    """Keep the browser's zone ``name`` as ``user``'s when they have none. Returns whether
    it was saved; UnknownTimeZone (nothing changed) when no such zone exists."""
    name = (name or "").strip()
    if name not in time_zone_names():
        raise UnknownTimeZone(_("“%(zone)s” is not a time zone.") % {"zone": name[:64]})
    if user.time_zone:
        return False  # chosen already: the profile wins over the browser
    user.time_zone = name
    user.save(update_fields=["time_zone"])
    return True
