"""Private messages: a student writes to the staff of a course they are enrolled in.

Who sees a thread: its student, the course's staff (owner and instructors, any language
version), and — once one of its messages is reported — moderators. Every function does
what it is asked or raises ``CommunicationError`` having changed nothing.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from caching.personal_cache import personal_value
from core.hourly_limits import hour_ago, minutes_until_allowed
from courses.teaching import TEACHING
from discussions.policy import is_site_moderator

from ..models import Message, MessageReport, MessageThread, ThreadReadMark
from ..models.messages import MAX_MESSAGE_LENGTH, MAX_REPORT_REASON_LENGTH, MAX_SUBJECT_LENGTH
from . import attachments, telling
from .exceptions import CommunicationError

DEFAULT_MESSAGES_PER_HOUR = 20
Status = MessageThread.Status


def messages_per_hour():
    """How many messages one student may send in any hour (0: no limit); course staff are
    not counted (a backlog of answers)."""
    return getattr(settings, "AULA_MESSAGES_PER_HOUR", DEFAULT_MESSAGES_PER_HOUR)


# --- Who ------------------------------------------------------------------------------------


def staff_ids(course_key):
    """The owners and instructors of every language version of the course."""
    from courses.models import CoursePage

    rows = CoursePage.objects.filter(translation_key=course_key).values_list("owner_id", "instructors")
    return {user_id for row in rows for user_id in row if user_id is not None}


def staff_of(course_key):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(pk__in=staff_ids(course_key), is_active=True).order_by("pk"))


def is_staff_of(user, thread):
    return user.is_authenticated and user.pk in staff_ids(thread.course_key)


def can_read(user, thread):
    if not (user.is_authenticated and user.is_active):
        return False
    if thread.student_id == user.pk or is_staff_of(user, thread):
        return True
    return is_site_moderator(user) and MessageReport.objects.filter(message__thread=thread).exists()


def can_write(user, thread):
    """Participants (the student, the course's staff) write; moderators only read."""
    return user.is_authenticated and (thread.student_id == user.pk or is_staff_of(user, thread))


def visible_threads(user):
    """The threads ``user`` may read, newest activity first: their own, their courses',
    and (moderators) the reported ones."""
    from courses.teaching import courses_taught_by

    if not user.is_authenticated:
        return MessageThread.objects.none()
    condition = Q(student=user) | Q(course_key__in=courses_taught_by(user).values("translation_key"))
    if is_site_moderator(user):
        condition |= Q(messages__reports__isnull=False)
    return MessageThread.objects.filter(condition).distinct().select_related("student", "course", "last_author")


def unread_condition(user):
    """A thread with a message by someone else after the user's read mark."""
    marks = ThreadReadMark.objects.filter(thread=OuterRef("pk"), user=user, read_at__gte=OuterRef("last_message_at"))
    return ~Q(last_author=user) & Q(last_message_at__isnull=False) & ~Exists(marks)


def with_unread(threads, user):
    """Annotate ``unread`` (``unread_condition``)."""
    return threads.annotate(unread=unread_condition(user))


def inbox_summary(user):
    """``{"unread": threads with news for the user, "unread_count", "any": has the user any
    conversation}`` (their own and their courses'; not a moderator's reported ones), from
    the user's personal cache: messages and read marks renew it (notifications/renewals.py)."""
    if not user.is_authenticated:
        return {"unread": [], "unread_count": 0, "any": False}

    def read():
        from courses.teaching import courses_taught_by

        mine = MessageThread.objects.filter(
            Q(student=user) | Q(course_key__in=courses_taught_by(user).values("translation_key"))
        )
        counts = mine.aggregate(total=Count("pk"), unread=Count("pk", filter=unread_condition(user)))
        unread = []
        if counts["unread"]:
            unread = mine.filter(unread_condition(user)).select_related("course").order_by("-last_message_at")
            unread = list(unread[:5])
        return {"unread": unread, "unread_count": counts["unread"], "any": bool(counts["total"])}

    return personal_value(user.pk, "inbox", read, scopes=[TEACHING])


# --- Writing --------------------------------------------------------------------------------


def may_start(user, course):
    """A student enrolled in ``course`` (audits included) may write to its staff."""
    from courses.learning.enrollment import enrollment_for

    return user.is_authenticated and course is not None and enrollment_for(user, course) is not None


def start_thread(student, course, subject, body, attachment=None):
    """A new conversation with the staff of ``course``."""
    if not may_start(student, course):
        raise CommunicationError(_("You can only write to the staff of a course you are enrolled in."))
    if not staff_ids(course.translation_key):
        raise CommunicationError(_("This course has no instructor to write to."))
    _refuse_if_writing_too_often(student)
    subject = _clean_subject(subject)
    body = _clean_body(body)
    if attachment:
        attachments.validate(attachment)
    with transaction.atomic():
        thread = MessageThread.objects.create(
            course_key=course.translation_key, course=course, student=student, subject=subject
        )
        message = _add(thread, student, body, attachment)
    transaction.on_commit(lambda: telling.message_sent(message))
    return thread


def reply(thread, author, body, attachment=None):
    """A participant writes in ``thread``. A student's message opens an answered thread again."""
    if not can_write(author, thread):
        raise CommunicationError(_("You can only write in your own conversations."))
    if thread.is_closed:
        raise CommunicationError(_("This conversation is closed: no more messages can be sent."))
    staff = is_staff_of(author, thread)
    if not staff:
        _refuse_if_writing_too_often(author)
    body = _clean_body(body)
    if attachment:
        attachments.validate(attachment)
    with transaction.atomic():
        message = _add(thread, author, body, attachment)
        if not staff and thread.status == Status.ANSWERED:
            MessageThread.objects.filter(pk=thread.pk).update(status=Status.OPEN)
            thread.status = Status.OPEN
    transaction.on_commit(lambda: telling.message_sent(message))
    return message


def _add(thread, author, body, attachment):
    message = Message(thread=thread, author=author, body=body)
    if attachment:
        message.attachment_name = attachments.display_name(attachment.name)
        message.attachment.save(attachments.stored_name(attachment.name), attachment, save=False)
    message.save()
    thread.last_message_at, thread.last_author = message.created_at, author
    thread.save(update_fields=["last_message_at", "last_author"])
    mark_read(thread, author, message.created_at)
    return message


def mark_answered(thread, user):
    """The student (or the staff) says the question is settled."""
    _set_status(thread, user, Status.ANSWERED)


def close(thread, user):
    """No more messages in this conversation."""
    _set_status(thread, user, Status.CLOSED)


def _set_status(thread, user, status):
    if not can_write(user, thread):
        raise CommunicationError(_("You can only change your own conversations."))
    if thread.is_closed:
        raise CommunicationError(_("This conversation is closed."))
    if thread.status != status:
        thread.status = status
        thread.save(update_fields=["status"])


def mark_read(thread, user, when=None):
    """The user has read the thread up to now (participants only; moderators leave no mark)."""
    if not can_write(user, thread):
        return
    when = when or timezone.now()
    mark, created = ThreadReadMark.objects.get_or_create(thread=thread, user=user, defaults={"read_at": when})
    if not created and mark.read_at < when:  # saved, not updated: a mark renews its reader's personal cache
        mark.read_at = when
        mark.save(update_fields=["read_at"])


def messages_of(thread, user):
    """The thread's messages as ``user`` sees them; hidden ones are shown as hidden."""
    return list(thread.messages.select_related("author"))


# --- Reports --------------------------------------------------------------------------------


def report(message, user, reason=""):
    """A participant asks a moderator to look at someone else's message, once."""
    if not can_write(user, message.thread):
        raise CommunicationError(_("You can only report messages in your own conversations."))
    if message.author_id == user.pk:
        raise CommunicationError(_("You cannot report your own message."))
    if message.hidden:
        raise CommunicationError(_("This message is already hidden."))
    reason = (reason or "").replace("\x00", "").strip()
    if len(reason) > MAX_REPORT_REASON_LENGTH:
        raise CommunicationError(
            _("The reason can be at most %(max)d characters long.") % {"max": MAX_REPORT_REASON_LENGTH}
        )
    try:
        with transaction.atomic():
            made = MessageReport.objects.create(message=message, reporter=user, reason=reason)
    except IntegrityError:
        raise CommunicationError(_("You have already reported this message.")) from None
    transaction.on_commit(lambda: telling.message_reported(made))
    return made


def resolve(report_, moderator, resolution):
    """A moderator hides the reported message or keeps it; every open report of that
    message is resolved with it."""
    if not is_site_moderator(moderator):
        raise CommunicationError(_("Only moderators can do that."))
    if resolution not in MessageReport.Resolution.values:
        raise CommunicationError(_("Choose whether to hide the message or keep it."))
    message = report_.message
    now = timezone.now()
    with transaction.atomic():
        if message.hidden != (resolution == MessageReport.Resolution.HIDDEN):
            message.hidden = resolution == MessageReport.Resolution.HIDDEN
            message.save(update_fields=["hidden"])
        for open_report in message.reports.filter(resolved_at__isnull=True):
            open_report.resolution, open_report.resolved_by, open_report.resolved_at = resolution, moderator, now
            open_report.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    report_.refresh_from_db()
    return report_


# --- Checks ---------------------------------------------------------------------------------


def _printable(text):
    return (text or "").replace("\x00", "")


def _clean_subject(subject):
    subject = " ".join(_printable(subject).split())
    if not subject:
        raise CommunicationError(_("Give your message a subject."))
    if len(subject) > MAX_SUBJECT_LENGTH:
        raise CommunicationError(_("A subject can be at most %(max)d characters long.") % {"max": MAX_SUBJECT_LENGTH})
    return subject


def _clean_body(body):
    body = _printable(body).strip()
    if not body:
        raise CommunicationError(_("Write something before sending."))
    if len(body) > MAX_MESSAGE_LENGTH:
        raise CommunicationError(
            _("A message can be at most %(max)d characters long; this one has %(count)d.")
            % {"max": MAX_MESSAGE_LENGTH, "count": len(body)}
        )
    return body


def _refuse_if_writing_too_often(author):
    """As discussions count posts (``discussions.services``): at most
    ``messages_per_hour()`` messages by ``author`` in the last hour."""
    limit = messages_per_hour()
    if not limit:
        return
    times = list(
        Message.objects.filter(author=author, created_at__gt=hour_ago())
        .exclude(thread__course_key__in=_taught_keys(author))
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    minutes = minutes_until_allowed(times, limit)
    if minutes is None:
        return
    raise CommunicationError(
        ngettext(
            "You have sent %(count)d messages in the last hour, the most allowed. You can write again in a minute.",
            "You have sent %(count)d messages in the last hour, the most allowed. "
            "You can write again in %(minutes)d minutes.",
            minutes,
        )
        % {"count": limit, "minutes": minutes}
    )


def _taught_keys(user):
    from courses.teaching import courses_taught_by

    return courses_taught_by(user).values("translation_key")
