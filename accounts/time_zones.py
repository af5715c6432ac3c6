"""Each user's time zone: dates and deadlines on the public site are shown in it.

A user without a time zone of their own (``User.time_zone`` blank) sees the site's
``TIME_ZONE``. ``TimeZoneMiddleware`` activates the signed-in user's zone for the request,
so templates (``|date``, ``{{ datetime }}``) and ``timezone.localtime`` use it. The Wagtail
admin keeps its own preference (Account → Preferences → Current time zone), which Wagtail
activates in its views.
"""

import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names():
    """Every IANA zone Python knows (zoneinfo), sorted."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def time_zone_choices():
    """Grouped choices for a select: ``UTC`` first, then one group per region
    (``Europe`` → ``Madrid``, ``America`` → ``Argentina/Buenos Aires``…)."""
    regions, single = {}, []
    for name in time_zone_names():
        region, _slash, place = name.partition("/")
        if place:
            regions.setdefault(region, []).append((name, place.replace("_", " ")))
        else:
            single.append((name, name))
    return single + [(region, places) for region, places in sorted(regions.items())]


def validate_time_zone(value):
    if value and value not in time_zone_names():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_time_zone")


def zone_of(user):
    """The user's time zone (a ``ZoneInfo``): their own, else the site's."""
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class TimeZoneMiddleware:
    """Show the signed-in user's dates in their time zone (after AuthenticationMiddleware).
    A request without a session costs nothing: its user is never loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key is None:
            # No session cookie: nobody is signed in, and the user is not loaded to find it out.
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with timezone.override(zone_of(user)):
            return self.get_response(request)


def aware(value):
    """``value`` as an aware datetime (a naive one is read in the site's time zone)."""
    return timezone.make_aware(value, zoneinfo.ZoneInfo(settings.TIME_ZONE)) if timezone.is_naive(value) else value


def local_datetime(value):
    """``value`` in the active time zone, as the language writes dates, with the zone's
    abbreviation: "Jan. 15, 2030, 9 p.m. JST"."""
    from django.utils import dateformat, formats

    local = timezone.localtime(aware(value))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {dateformat.format(local, 'T')}"
