"""Master classes in the calendar: every live class in the public feeds and the calendar
page, and the ones a user holds a seat in (registered or attended) in their own feed.
Cancelled classes stay listed, marked cancelled: a subscribed calendar must learn of it."""

import uuid

MASTER_CLASS = "master_class"


def _entry(page):
    from ..models import MasterClassPage
    from .sources import CalendarEntry

    return CalendarEntry(
        uid=f"{MASTER_CLASS}-{page.translation_key}",
        title=page.title,
        start=page.start,
        end=page.end,
        url=page.url or "",
        kind=MASTER_CLASS,
        sequence=page.sequence or 0,
        cancelled=page.status == MasterClassPage.Status.CANCELLED,
    )


def _classes(start, end):
    from ..models import MasterClassPage

    return MasterClassPage.objects.live().public().filter(start__lt=end, end__gt=start).defer_streamfields()


def master_classes_for_locale(locale, start, end):
    """The master classes in ``locale``'s language overlapping ``[start, end)``. One query."""
    return [_entry(page) for page in _classes(start, end).filter(locale=locale)]


def registered_master_classes(user, start, end):
    """The master classes ``user`` holds a seat in, in the active language. Two queries."""
    from core.localized import pages_in_active_language

    from ..models import Registration

    keys = Registration.objects.filter(user=user, status__in=Registration.SEAT_STATUSES)
    keys = list(keys.values_list("master_class_key", flat=True))
    if not keys:
        return []
    return [_entry(page) for page in pages_in_active_language(_classes(start, end), keys).values()]


def master_class_by_key(key):
    from core.localized import page_in_active_language

    from ..models import MasterClassPage

    page = page_in_active_language(MasterClassPage.objects.live().public(), uuid.UUID(str(key)))
    return _entry(page) if page is not None else None
