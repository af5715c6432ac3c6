"""Attempts at an evaluation and their answers.

An attempt is keyed like enrollments and completions: by the course's and the resource's
``translation_key``, so attempts made in any language form one history. It stores a
snapshot of what was asked (texts in the attempt's language, points and the answer key
from the source's published revision), so later edits never change past results.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    PENDING_REVIEW = "pending_review", _("Pending review")
    GRADED = "graded", _("Graded")


class Attempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    course_key = models.UUIDField(_("course"), db_index=True)
    resource_key = models.UUIDField(_("resource"))
    evaluation_id = models.CharField(_("evaluation block"), max_length=64)
    number = models.PositiveIntegerField(_("attempt number"))
    language = models.CharField(_("language"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=9, decimal_places=2, default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    snapshot = models.JSONField(_("what was asked"), default=dict)

    class Meta:
        verbose_name = _("attempt")
        ordering = ["-started_at", "-pk"]
        permissions = [("view_every_attempt", _("Can see the attempts of every course"))]
        constraints = [
            # Two simultaneous starts cannot both become attempt number N.
            models.UniqueConstraint(
                fields=["user", "resource_key", "evaluation_id", "number"], name="assessments_attempt_number_unique"
            ),
            # At most one open attempt per student and evaluation.
            models.UniqueConstraint(
                fields=["user", "resource_key", "evaluation_id"],
                condition=Q(status="in_progress"),
                name="assessments_one_open_attempt",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="assessments_attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=F("max_score"))),
                name="assessments_attempt_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(submitted_at__isnull=False),
                name="assessments_closed_attempt_has_submitted_at",
            ),
        ]
        indexes = [models.Index(fields=["user", "resource_key"], name="assessments_attempt_user_res")]

    def __str__(self):
        return f"{self.user} #{self.number} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status == AttemptStatus.IN_PROGRESS

    @property
    def questions(self):
        return self.snapshot.get("questions", [])

    @property
    def percent(self):
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score, 1)


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(_("question"), max_length=64)
    response = models.JSONField(_("response"), null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=9, decimal_places=2, null=True, blank=True)
    correct = models.BooleanField(_("correct"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="assessments_one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="assessments_answer_points_positive"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}"


class ExtraAttemptRequest(models.Model):
    """A student who used every attempt asks for one more; an instructor approves (exactly
    one more attempt) or refuses with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extra_attempt_requests")
    course_key = models.UUIDField(_("course"), db_index=True)
    resource_key = models.UUIDField(_("resource"))
    evaluation_id = models.CharField(_("evaluation block"), max_length=64)
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("extra attempt request")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "resource_key", "evaluation_id"],
                condition=Q(status="pending"),
                name="assessments_one_pending_extra_attempt_request",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False), name="assessments_answered_request_dated"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"


class EvaluationWindow(models.Model):
    """When an evaluation is open, as its source resource's published revision says: a
    queryable copy of the block's ``available_from``/``available_until`` (the dashboard lists
    upcoming deadlines across courses without reading resource bodies). Kept in step by
    ``assessments.availability`` on publish, unpublish and delete; only evaluations with a
    date have a row."""

    course_key = models.UUIDField(_("course"), db_index=True)
    resource_key = models.UUIDField(_("resource"), unique=True)
    evaluation_id = models.CharField(_("evaluation block"), max_length=64)
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation availability")
        verbose_name_plural = _("evaluation availabilities")
        indexes = [models.Index(fields=["course_key", "available_until"], name="assessments_window_course_end")]

    def __str__(self):
        return f"{self.resource_key}: {self.available_from} – {self.available_until}"
