"""Master classes: live sessions with a time, a place online, a capacity and a price.

``MasterClassPage`` keeps its start and end in UTC (shown in each visitor's time zone), a
``sequence`` bumped whenever its time, place or status changes (what calendars read, RFC
5545 ``SEQUENCE``) and a ``status`` (scheduled or cancelled). A class is one thing in
every language: registrations are keyed by its ``translation_key``, and its rules (time,
capacity, price, link) are synchronised across translations, never translated.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching.private_responses import mark_private_unless_shared
from core.seo import SeoPage

# What a master class's timing and place are made of: a change to any bumps ``sequence``.
SCHEDULE_FIELDS = ("start", "end", "meeting_url", "status")
RULE_FIELDS = ("start", "end", "capacity", "price", "meeting_url", "status", "certificate_template")
JOIN_EARLY = timedelta(minutes=15)  # the meeting link shows this long before the start


def material_blocks():
    """The course resource blocks a class's materials may use (Aula's own: an evaluation
    belongs to a course, so blocks other apps contribute are left out)."""
    from courses.blocks import resource_body_blocks

    contributed = {name for name, _path in getattr(settings, "AULA_RESOURCE_BODY_BLOCKS", [])}
    return [(name, block) for name, block in resource_body_blocks() if name not in contributed]


def recording_blocks():
    from courses.blocks import VideoBlock

    return [("video", VideoBlock())]


class MasterClassIndexPage(SeoPage, Page):
    """The list of master classes of one language: upcoming first, then past ones."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.MasterClassPage"]
    max_count_per_parent = 1
    template = "events/master_classes/master_class_index_page.html"

    class Meta:
        verbose_name = _("master class list")

    def get_context(self, request, *args, **kwargs):
        from ..master_classes import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self))
        return context

    def serve(self, request, *args, **kwargs):
        return mark_private_unless_shared(request, super().serve(request, *args, **kwargs))


class MasterClassPage(SeoPage, Page):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    summary = models.TextField(_("summary"), max_length=300, help_text=_("One or two sentences for lists and search."))
    description = RichTextField(_("description"), blank=True, help_text=_("Public: everyone reads it."))
    materials = StreamField(
        material_blocks(), blank=True, verbose_name=_("materials"),
        help_text=_("Shown only to those registered."),
    )  # fmt: skip
    recording = StreamField(
        recording_blocks(), blank=True, max_num=1, verbose_name=_("recording"),
        help_text=_("The video with its captions, shown to those registered once the class has ended."),
    )  # fmt: skip
    instructors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("instructors"), blank=True, related_name="master_classes_taught",
        help_text=_("They may edit this class and mark who attended."),
    )  # fmt: skip
    start = models.DateTimeField(_("start"), help_text=_("In your time zone (Account → Preferences in the admin)."))
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(
        _("capacity"), default=30, validators=[MinValueValidator(1)],
        help_text=_("Seats. Registrations beyond them join the waiting list."),
    )  # fmt: skip
    price = models.DecimalField(
        _("price"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)],
        help_text=_("In the site currency. 0: free."),
    )  # fmt: skip
    meeting_url = models.URLField(
        _("meeting link"), blank=True,
        help_text=_("Shown only to those registered, from 15 minutes before the start until the end."),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(_("revision of the schedule"), default=0, editable=False)
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate", verbose_name=_("attendance certificate template"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The design of the attendance certificates; empty: the site's default."),
    )  # fmt: skip

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status")], heading=_("When")
        ),
        FieldPanel("description"),
        FieldPanel("instructors"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("price")]), FieldPanel("meeting_url")],
            heading=_("Seats and place"),
        ),
        FieldPanel("materials"),
        FieldPanel("recording"),
    ]
    settings_panels = [FieldPanel("certificate_template")] + Page.settings_panels
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("description")]
    override_translatable_fields = [
        *(SynchronizedField(name, overridable=False) for name in RULE_FIELDS),
        SynchronizedField("instructors"),
    ]

    parent_page_types = ["events.MasterClassIndexPage"]
    subpage_types = []
    template = "events/master_classes/master_class_page.html"

    class Meta:
        verbose_name = _("master class")
        verbose_name_plural = _("master classes")

    # --- what calendars and lists read ---------------------------------------------------
    @property
    def uid(self):
        """Stable in every language and across edits (RFC 5545 ``UID``)."""
        return f"master-class-{self.translation_key}@aula"

    sitemap_scopes = ["events"]  # events/renewals.py's EVENTS: publishing a class renews it

    def seo_description(self):
        return self.search_description or self.summary

    def structured_data(self, request, facts):
        """A schema.org ``Event`` held online: public facts only (never the meeting link)."""
        cancelled = self.status == self.Status.CANCELLED
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": facts.description,
            "url": facts.canonical,
            "inLanguage": facts.language,
            "startDate": self.start.isoformat(),
            "endDate": self.end.isoformat(),
            "eventStatus": "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": facts.canonical},
            "organizer": {"@type": "Organization", "name": facts.site_name, "url": facts.site_url + "/"},
            "offers": {
                "@type": "Offer",
                "price": f"{self.price:.2f}",
                "priceCurrency": settings.AULA_CURRENCY,
                "url": facts.canonical,
            },
        }
        performers = [person.display_name for person in self.instructors.all() if person.display_name]
        if performers:
            data["performer"] = [{"@type": "Person", "name": name} for name in performers]
        if facts.image:
            data["image"] = facts.image["url"]
        return data

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_free(self):
        return not self.price

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.start

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.end

    def meeting_window(self):
        return self.start - JOIN_EARLY, self.end

    @property
    def duration(self):
        return self.end - self.start

    # --- the certificates app's protocol (issue_attendance_certificate) -------------------
    @property
    def hours(self):
        return Decimal(self.duration.total_seconds() / 3600).quantize(Decimal("0.01"))

    @property
    def ends_at(self):
        return self.end

    @property
    def instructor_names(self):
        # never an e-mail address: attendance certificates are public
        return [user.get_display_name() for user in self.instructors.all()]

    def attended_by(self, user):
        return Registration.objects.filter(
            user=user, master_class_key=self.translation_key, status=Registration.Status.ATTENDED
        ).exists()

    # --- the file access rule (courses/access.py, AULA_FILE_PAGE_TYPES) -------------------
    def opens_files_to(self, user):
        """Materials and the recording are for those registered, the class's instructors
        and those who may edit it."""
        from ..registration import holds_seat

        if not user.is_authenticated:
            return False
        return holds_seat(user, self) or self.permissions_for_user(user).can_edit()

    # --- editing -------------------------------------------------------------------------
    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must come after the start.")})
        if self.pk and self.capacity:
            taken = Registration.objects.seats_taken(self.translation_key)
            if self.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(count)s people hold a seat already: the capacity cannot be less. "
                            "Cancel registrations first."
                        )
                        % {"count": taken}
                    }
                )

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = MasterClassPage.objects.filter(pk=self.pk).values(*SCHEDULE_FIELDS).first()
        if previous and any(previous[name] != getattr(self, name) for name in SCHEDULE_FIELDS):
            self.sequence += 1
        result = super().save(*args, **kwargs)
        if previous and self.live and (previous["start"] != self.start or previous["status"] != self.status):
            from ..reminders import announce_change

            announce_change(self, previous["start"])
        return result

    def permissions_for_user(self, user):
        from ..permissions import MasterClassPermissionTester

        return MasterClassPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from ..master_classes import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        # The same for every anonymous visitor (the page cache may share it); per user otherwise.
        return mark_private_unless_shared(request, super().serve(request, *args, **kwargs))


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def seats_taken(self, key):
        return self.filter(master_class_key=key).holding_seats().count()


class Registration(models.Model):
    """One person's place in one master class (every language of it): registered, on the
    waiting list (``position`` orders it), cancelled, or attended. One row per person and
    class: registering again after cancelling reuses it."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    SEAT_STATUSES = (Status.REGISTERED, Status.ATTENDED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="registrations"
    )
    master_class_key = models.UUIDField(_("master class"), db_index=True)
    master_class = models.ForeignKey(
        MasterClassPage, verbose_name=_("master class page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    position = models.PositiveIntegerField(_("place on the waiting list"), default=0)
    order = models.ForeignKey(
        "commerce.Order", verbose_name=_("order"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Reminders claimed (set before sending, in the same transaction): never sent twice.
    reminded_day_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_hour_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "master_class_key"], name="events_registration_once_per_user")
        ]

    def __str__(self):
        return f"{self.user} · {self.master_class_key} · {self.status}"

    @property
    def holds_seat(self):
        return self.status in self.SEAT_STATUSES
