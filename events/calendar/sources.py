"""What the calendar shows comes from sources that register here.

A source has a ``kind`` (``"live_session"``, ``"deadline"``, ``"master_class"``…) and up to
three callables, each returning ``CalendarEntry`` values:

``public(locale, start, end)``
    What everyone may see in that language between ``start`` and ``end`` (aware datetimes):
    the calendar page for anonymous visitors and the public feed per language.
``personal(user, start, end)``
    What only ``user`` sees: the signed-in calendar, the "Coming up" panel, the personal feed.
    Never called for anonymous visitors.
``find(key)``
    One entry by the key in its ``uid`` (the ``.ics`` download of one event), or None. Only
    what is not secret: times, titles and the page's address, never a meeting link.

Register in an ``AppConfig.ready()``::

    register_source("master_class", public=upcoming_master_classes, personal=my_registrations)

A source that fails does not take the calendar down with it: its entries are left out and
the error is logged.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable across changes and languages: "<kind>-<key>" (the feed adds "@aula")
    title: str
    start: datetime  # aware
    end: datetime  # aware, after start
    url: str  # where the entry is seen on the site (absolute path or address)
    kind: str
    sequence: int = 0  # goes up on every change a subscribed calendar must pick up
    cancelled: bool = False
    location: str = ""
    description: str = ""

    @property
    def key(self):
        """What ``find`` takes: the uid without its kind."""
        return self.uid.removeprefix(f"{self.kind}-")


@dataclass(frozen=True)
class CalendarSource:
    kind: str
    public: object = None
    personal: object = None
    find: object = None


_sources = {}


def register_source(kind, public=None, personal=None, find=None):
    """Register (or replace) the source of ``kind``."""
    _sources[kind] = CalendarSource(kind, public, personal, find)


def unregister_source(kind):
    _sources.pop(kind, None)


def registered_kinds():
    return list(_sources)


def _collect(method, *args):
    entries = []
    for source in list(_sources.values()):
        read = getattr(source, method)
        if read is None:
            continue
        try:
            entries.extend(read(*args))
        except Exception:  # one broken source must not break everyone's calendar
            logger.exception("Calendar source %s failed", source.kind)
    return sorted(entries, key=lambda entry: (entry.start, entry.title, entry.uid))


def public_entries(locale, start, end):
    """Every source's public entries for ``locale`` overlapping ``[start, end)``, in order."""
    return _collect("public", locale, start, end)


def personal_entries(user, start, end):
    """Every source's entries for ``user`` overlapping ``[start, end)``, in order (none for
    an anonymous visitor)."""
    if user is None or not user.is_authenticated:
        return []
    return _collect("personal", user, start, end)


def find_entry(kind, key):
    """One entry by kind and key, or None (unknown kind, unknown key, malformed key)."""
    source = _sources.get(kind)
    if source is None or source.find is None:
        return None
    try:
        return source.find(key)
    except (ValueError, TypeError):
        return None
