"""Announcements: who may post where, what a reader sees, dismissing, delivering.

Site-wide announcements are posted by editors and administrators; a course's by that
course's owner and instructors (``courses.teaching``) and administrators. A reader sees
the site-wide ones and those of the courses they are enrolled in (or teach), not expired,
not dismissed, in their language or for every language; pinned first, newest first.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import EDITORS
from caching.personal_cache import personal_value
from courses.teaching import TEACHING, is_course_instructor

from ..models import Announcement, AnnouncementDismissal
from .exceptions import CommunicationError

# Every reader's list of announcements depends on it: renewed by any announcement saved or
# deleted (notifications/renewals.py). Announcements are few; a reader's own dismissals and
# enrollments renew their own scope.
ANNOUNCEMENTS = "announcements"


def may_announce_site_wide(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    from caching.permission_cache import group_names

    return EDITORS in group_names(user)


def may_announce_to(user, course):
    """May ``user`` post an announcement to ``course`` (None: the whole site)?"""
    if course is None:
        return may_announce_site_wide(user)
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or is_course_instructor(user, course)


def check_may_announce(user, course):
    if not may_announce_to(user, course):
        if course is None:
            raise CommunicationError(_("Only editors and administrators can post announcements to the whole site."))
        raise CommunicationError(_("You can only post announcements to courses you teach."))


def check_expiry(expires_at):
    if expires_at is not None and expires_at <= timezone.now():
        raise CommunicationError(_("The expiry date is already past: nobody would see this announcement."))


def post(announcement, author):
    """Save a new ``announcement`` by ``author`` (refused unless they may post there) and
    deliver it to its readers once the transaction commits."""
    check_may_announce(author, announcement.course)
    check_expiry(announcement.expires_at)
    announcement.author = author
    announcement.save()
    pk = announcement.pk
    transaction.on_commit(lambda: _enqueue_delivery(pk))
    return announcement


def change(announcement, user):
    """Save an edited announcement (not sent again)."""
    check_may_announce(user, announcement.course)
    announcement.save()
    return announcement


def _enqueue_delivery(pk):
    from django_q.tasks import async_task

    async_task("notifications.communication.announcing.deliver", pk)


def deliver(pk):
    """Tell the announcement's readers (a background job). Each reader is told once: a
    second run, or one cut short and run again, tells only those not told yet."""
    from . import telling

    announcement = Announcement.objects.select_related("course").filter(pk=pk).first()
    if announcement is None:
        return 0
    readers = recipients(announcement)
    telling.announcement_posted(announcement, readers)
    return len(readers)


def recipients(announcement):
    """Who is told: a course's enrolled students; everyone for a site-wide announcement.
    An announcement in one language reaches those who read e-mails in it. Never its author."""
    from django.contrib.auth import get_user_model

    from accounts.mail_language import language_of
    from courses.models import Enrollment

    users = get_user_model().objects.filter(is_active=True).exclude(pk=announcement.author_id)
    if announcement.course_key is not None:
        users = users.filter(pk__in=Enrollment.objects.filter(course_key=announcement.course_key).values("user_id"))
    users = users.order_by("pk")
    if not announcement.language:
        return list(users)
    return [user for user in users if language_of(user) == announcement.language]


# --- Reading --------------------------------------------------------------------------------


def announcements_for(user, language, course=None, now=None):
    """What ``user`` sees (in ``language``): site-wide ones and their courses'; with
    ``course``, that course's only. Read from the user's personal cache."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    shown = [
        a
        for a in personal_value(user.pk, "announcements", lambda: _read(user), scopes=[ANNOUNCEMENTS, TEACHING])
        if not a.is_expired(now) and a.language in ("", language)
    ]
    if course is not None:
        shown = [a for a in shown if a.course_key == course.translation_key]
    return sorted(shown, key=lambda a: (not a.pinned, -a.created_at.timestamp()))


def _read(user):
    from django.db.models import Q

    from courses.models import Enrollment
    from courses.teaching import courses_taught_by

    enrolled = Enrollment.objects.filter(user=user).values("course_key")
    taught = courses_taught_by(user).values("translation_key")
    announcements = (
        Announcement.objects.current()
        .filter(Q(course_key__isnull=True) | Q(course_key__in=enrolled) | Q(course_key__in=taught))
        .exclude(dismissals__user=user)
        .select_related("course")
    )
    return list(announcements)


def dismiss(user, pk):
    """Hide an announcement for ``user`` (one they can see); dismissing twice is harmless."""
    announcement = Announcement.objects.filter(pk=pk).first()
    if announcement is None or not _may_see(user, announcement):
        raise CommunicationError(_("This announcement does not exist or is not addressed to you."))
    try:
        with transaction.atomic():
            AnnouncementDismissal.objects.create(announcement=announcement, user=user)
    except IntegrityError:
        pass
    return announcement


def _may_see(user, announcement):
    if announcement.course_key is None:
        return True
    from courses.learning.enrollment import enrollment_for

    course = announcement.course
    return course is not None and (enrollment_for(user, course) is not None or is_course_instructor(user, course))
