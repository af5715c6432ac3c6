"""What a student does in a course: enrollments, completions, playback positions, reviews.

Every row is keyed by the course's (or resource's) ``translation_key``, not by a page id:
a student enrolled through the English page is enrolled in the Spanish translation too,
and progress made in one language counts in all of them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    class Source(models.TextChoices):
        FREE = "free", _("Free course")
        AUDIT = "audit", _("Audit")
        PURCHASE = "purchase", _("Purchase")
        PROGRAM = "program", _("Program")
        ADMIN = "admin", _("Added by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("student"), on_delete=models.CASCADE, related_name="enrollments"
    )
    course_key = models.UUIDField(_("course key"), db_index=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The language version the student enrolled through."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="one_enrollment_per_course")]

    def __str__(self):
        return f"{self.user} → {self.course}"

    @property
    def is_audit(self):
        return self.source == self.Source.AUDIT


class Completion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions")
    resource_key = models.UUIDField(_("resource key"))
    course_key = models.UUIDField(_("course key"), db_index=True)
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [models.UniqueConstraint(fields=["user", "resource_key"], name="one_completion_per_resource")]
        indexes = [models.Index(fields=["course_key", "resource_key"])]

    def __str__(self):
        return f"{self.user} ✓ {self.resource_key}"


class PlaybackPosition(models.Model):
    """Where a student stopped in a video or audio resource, and how much they watched."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="playback_positions")
    resource_key = models.UUIDField(_("resource key"))
    course_key = models.UUIDField(_("course key"), db_index=True)
    position = models.FloatField(_("position (seconds)"), default=0)
    watched = models.FloatField(_("watched (seconds)"), default=0)
    duration = models.FloatField(_("duration (seconds)"), default=0)
    started_at = models.DateTimeField(
        _("first report at"), null=True, blank=True, help_text=_("Watched time never outruns the time since then.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("playback position")
        verbose_name_plural = _("playback positions")
        constraints = [models.UniqueConstraint(fields=["user", "resource_key"], name="one_position_per_resource")]

    def __str__(self):
        return f"{self.user} @ {self.position:.0f}s / {self.duration:.0f}s"


class Review(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    course_key = models.UUIDField(_("course key"), db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Hidden reviews are not shown or counted."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_review_per_course"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.rating}★ {self.course}"
