"""Reading master classes: lists, what one visitor sees of a class, and the two services
the calendar (and anything else) calls: ``upcoming_master_classes(locale, limit)`` and
``registered_master_classes(user)``.

What differs per visitor (registration, the meeting link, materials, the recording) is put
in the context only for a signed-in visitor, whose page is private; an anonymous visitor's
page is the same for all and may be shared by the page cache.
"""

from django.conf import settings
from django.utils import timezone

from core.localized import pages_in_active_language

from .models import MasterClassPage, Registration
from .permissions import may_run
from .registration import refusal, registration_of, seats_left
from .time_zones import shown_zone


def upcoming_master_classes(locale, limit=None, now=None):
    """Live, scheduled master classes of ``locale`` not yet ended, soonest first."""
    pages = (
        MasterClassPage.objects.live()
        .public()
        .filter(end__gt=now or timezone.now())
        .exclude(status=MasterClassPage.Status.CANCELLED)
        .defer_streamfields()
        .order_by("start", "pk")
    )
    if locale is not None:  # None: every language
        pages = pages.filter(locale_id=locale.pk)
    return list(pages[:limit] if limit else pages)


def past_master_classes(locale, limit=None, now=None):
    pages = (
        MasterClassPage.objects.live()
        .public()
        .filter(locale_id=locale.pk, end__lte=now or timezone.now())
        .defer_streamfields()
        .order_by("-start", "pk")
    )
    return list(pages[:limit] if limit else pages)


def registered_master_classes(user, include_waitlisted=True):
    """``[(registration, page)]`` of the classes ``user`` is registered for (or waiting
    for), each page in the active language when it has one, soonest first. Cancelled
    classes are included (a calendar shows them as cancelled); cancelled registrations are not."""
    if not user.is_authenticated:
        return []
    statuses = [*Registration.SEAT_STATUSES] + ([Registration.Status.WAITLISTED] if include_waitlisted else [])
    registrations = list(Registration.objects.filter(user=user, status__in=statuses))
    keys = [registration.master_class_key for registration in registrations]
    pages = pages_in_active_language(MasterClassPage.objects.live().defer_streamfields(), keys)
    found = [(r, pages[r.master_class_key]) for r in registrations if r.master_class_key in pages]
    return sorted(found, key=lambda pair: pair[1].start)


def meeting_link(user, master_class, registration=None, now=None):
    """The meeting link, for a registered user from 15 minutes before the start until the
    end, else None (decided here, on the server, on every request)."""
    now = now or timezone.now()
    if not master_class.meeting_url or master_class.is_cancelled:
        return None
    opens, closes = master_class.meeting_window()
    if not (opens <= now < closes):
        return None
    registration = registration if registration is not None else registration_of(user, master_class)
    if registration is None or not registration.holds_seat:
        return None
    return master_class.meeting_url


def index_context(index):
    locale = index.locale
    return {"upcoming": upcoming_master_classes(locale), "past": past_master_classes(locale, limit=12)}


def page_context(master_class, request, now=None):
    """What the master-class page shows. Anonymous visitors: only what is the same for all."""
    now = now or timezone.now()
    user = request.user
    context = {
        "seats_left": seats_left(master_class),
        "started": master_class.has_started(now),
        "ended": master_class.has_ended(now),
        "zone": shown_zone(request),
    }
    if not user.is_authenticated:
        return context
    registration = registration_of(user, master_class)
    seated = registration is not None and registration.holds_seat
    staff = may_run(user, master_class)
    context.update(
        {
            "personal": True,
            "registration": registration,
            "refusal": refusal(user, master_class, now),
            "meeting_link": meeting_link(user, master_class, registration, now),
            "show_materials": seated or staff,
            "show_recording": (seated and master_class.has_ended(now)) or staff,
            "may_run": staff,
            "ask_time_zone": not user.time_zone,
            "refund_hours": settings.AULA_MASTER_CLASS_REFUND_HOURS,
        }
    )
    return context
