"""Whole-course review: the pages submitted with a course (courses/course_review.py).

The course page goes through Wagtail's workflow ("Course review"); the sections and
resources that were new or changed when it was submitted are recorded here, each with
the revision the moderator reviews, and are published with the course when it is approved.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseSubmission(models.Model):
    workflow_state = models.OneToOneField(
        "wagtailcore.WorkflowState", verbose_name=_("workflow state"), on_delete=models.CASCADE,
        related_name="course_submission",
    )  # fmt: skip
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="submissions"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course submission")
        verbose_name_plural = _("course submissions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.course.title} ({self.created_at:%Y-%m-%d %H:%M})"


class CourseSubmissionPage(models.Model):
    """A section or resource submitted with its course, at the revision that was submitted."""

    submission = models.ForeignKey(CourseSubmission, on_delete=models.CASCADE, related_name="pages")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("submitted page")
        verbose_name_plural = _("submitted pages")
        constraints = [models.UniqueConstraint(fields=["submission", "page"], name="one_entry_per_submitted_page")]

    def __str__(self):
        return str(self.page)
