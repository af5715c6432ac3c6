"""The calendar's models: the calendar page, live sessions inside courses (a queryable copy
of each published ``live_session`` block), their attendance, and personal feed tokens."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from caching.private_responses import mark_private_unless_shared


class CalendarPage(Page):
    """The calendar (one per language, under the home page): upcoming master classes for
    everyone and, for a signed-in user, their live sessions, evaluation windows and
    registered events, in a month view and a list view (``events.calendar.views``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    template = "events/calendar/calendar_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("calendar page")

    def serve(self, request, *args, **kwargs):
        from ..calendar.views import serve_calendar_page

        return mark_private_unless_shared(request, serve_calendar_page(self, request))


class LiveSession(models.Model):
    """A live session as its SOURCE resource's published ``live_session`` block says, kept
    in step on publish, unpublish, delete and move (``events.live_sessions``). Never deleted
    once synced: an unpublished session is ``cancelled``, so calendars that subscribed to it
    learn so. ``sequence`` goes up on every change a calendar must pick up (RFC 5545)."""

    resource_key = models.UUIDField(_("resource"), unique=True)
    course_key = models.UUIDField(_("course"), db_index=True)
    block_id = models.CharField(_("live session block"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        indexes = [models.Index(fields=["course_key", "start"], name="events_live_course_start")]

    def __str__(self):
        return f"{self.title} ({self.start:%Y-%m-%d %H:%M} UTC)"


class LiveSessionAttendance(models.Model):
    """A student attended a live session, as one of the course's instructors marked it.
    Marking it completes the resource (``events.live_sessions.mark_attended``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_session_attendances"
    )
    resource_key = models.UUIDField(_("resource"))
    course_key = models.UUIDField(_("course"), db_index=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("live session attendance")
        verbose_name_plural = _("live session attendances")
        constraints = [
            models.UniqueConstraint(fields=["user", "resource_key"], name="events_attendance_once_per_session")
        ]

    def __str__(self):
        return f"{self.user_id} attended {self.resource_key}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a user's personal feed address (``/calendar/feed/<token>.ics``). Whoever
    holds the address reads the feed, so the user can rotate it: the old address then
    answers 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return f"calendar feed of {self.user_id}"
