"""What events holds about a learner (``accounts.personal_data``): master-class
registrations, live-session attendance and their calendar feed. At deletion a registration
for a class not started yet is cancelled first (its seat goes to the waiting list; no
refund: cancel it yourself before deleting to be refunded), then all are erased."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, records, register

from .models import CalendarFeedToken, LiveSessionAttendance, Registration
from .registration import _cancel_locked, _lock


def export(user):
    return {
        "master_class_registrations": records(
            Registration.objects.filter(user=user),
            "master_class_key",
            "master_class__title",
            "status",
            "language",
            "created_at",
            "cancelled_at",
        ),
        "live_session_attendance": records(
            LiveSessionAttendance.objects.filter(user=user), "course_key", "resource_key", "marked_at"
        ),
        "calendar_feed": records(CalendarFeedToken.objects.filter(user=user), "created"),
    }


def erase(user, choices):
    now = timezone.now()
    for registration in Registration.objects.filter(user=user).select_related("master_class"):
        master_class = registration.master_class
        if registration.status in Registration.SEAT_STATUSES and master_class and not master_class.has_started(now):
            _lock(master_class)
            _cancel_locked(registration, now)
    Registration.objects.filter(user=user).delete()
    LiveSessionAttendance.objects.filter(user=user).delete()
    CalendarFeedToken.objects.filter(user=user).delete()


register(
    PersonalData(
        "events",
        covers=["events.Registration.user", "events.LiveSessionAttendance.user", "events.CalendarFeedToken.user"],
        keeps={
            "events.LiveSessionAttendance.marked_by": _("who marked attendance: a staff record"),
            "events.MasterClassPage.instructors": _(
                "who teaches a master class, shown on its page: editors reassign it; until then it shows 'deleted user'"
            ),
        },
        export=export,
        erase=erase,
    )
)
