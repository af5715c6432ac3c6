"""Master classes in the calendar, written against the master-class models of the events
app (``MasterClassPage``: ``title``, ``start``, ``end`` in UTC, ``sequence``, ``status``
"scheduled" | "cancelled"; ``Registration``: ``user``, ``status``, and the class it
belongs to). They are looked up lazily: until those models exist every function here
returns nothing, and the calendar works without them.

TODO(lead, at merge): check the names below against events/models/master_classes.py.
"""

import uuid

from django.apps import apps

MASTER_CLASS = "master_class"
CANCELLED = "cancelled"
# The Registration field naming the master class, and the statuses that do not hold a seat.
REGISTRATION_PAGE_FIELD = "master_class"
INACTIVE_REGISTRATION_STATUSES = ("cancelled", "waiting")


def _model(name):
    try:
        return apps.get_model("events", name)
    except LookupError:
        return None


def _entry(page):
    from .sources import CalendarEntry

    return CalendarEntry(
        uid=f"{MASTER_CLASS}-{page.translation_key}",
        title=page.title,
        start=page.start,
        end=page.end,
        url=page.url or "",
        kind=MASTER_CLASS,
        sequence=getattr(page, "sequence", 0) or 0,
        cancelled=getattr(page, "status", "") == CANCELLED,
    )


def _classes(start, end):
    model = _model("MasterClassPage")
    if model is None:
        return None
    return model.objects.live().public().filter(start__lt=end, end__gt=start).defer_streamfields()


def master_classes_for_locale(locale, start, end):
    """The master classes in ``locale``'s language overlapping ``[start, end)`` (cancelled
    ones included: a subscribed calendar must learn of it). One query."""
    classes = _classes(start, end)
    if classes is None:
        return []
    return [_entry(page) for page in classes.filter(locale=locale)]


def registered_master_classes(user, start, end):
    """The master classes ``user`` holds a seat in, in the active language. Two queries."""
    from core.localized import pages_in_active_language

    registration = _model("Registration")
    classes = _classes(start, end)
    if registration is None or classes is None:
        return []
    seats = registration.objects.filter(user=user).exclude(status__in=INACTIVE_REGISTRATION_STATUSES)
    keys = classes.filter(pk__in=seats.values(REGISTRATION_PAGE_FIELD)).values_list("translation_key", flat=True)
    keys = list(keys)
    if not keys:
        return []
    return [_entry(page) for page in pages_in_active_language(classes, keys).values()]


def master_class_by_key(key):
    from core.localized import page_in_active_language

    model = _model("MasterClassPage")
    if model is None:
        return None
    page = page_in_active_language(model.objects.live().public(), uuid.UUID(str(key)))
    return _entry(page) if page is not None else None
