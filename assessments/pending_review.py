"""What a student waiting for an essay's grade is told: the points already earned (the
questions graded automatically), what is pending (the essays and their points), and the
course's stated grading time (``CoursePage.grading_days``, synchronised across languages;
unset: a default text in the template) with the date it leads to."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from courses.models import CoursePage


@dataclass(frozen=True)
class PendingReview:
    earned: Decimal  # points of the questions already graded
    graded_out_of: Decimal  # what those questions were worth
    pending: int  # essays waiting for an instructor
    pending_points: Decimal  # what they are worth
    grading_days: int | None  # the course's stated grading time
    expected_by: object = None  # submission date + grading time

    @property
    def max_score(self):
        return self.graded_out_of + self.pending_points


def grading_days_of(course_key):
    """The course's grading time in days (any language version: the field is synchronised),
    or None when the course does not state one. One query."""
    return CoursePage.objects.filter(translation_key=course_key).values_list("grading_days", flat=True).first()


def pending_review(attempt, questions):
    """``PendingReview`` of an attempt waiting for an instructor, from ``questions`` (what
    ``attempts.questions_shown`` gives the result page); None for any other attempt."""
    if attempt.status != "pending_review":
        return None
    waiting = [q for q in questions if q["type"] == "essay" and q.get("correct") is None and q["response"]]
    graded = [q for q in questions if q not in waiting]
    days = grading_days_of(attempt.course_key)
    expected = attempt.submitted_at + timedelta(days=days) if days and attempt.submitted_at else None
    return PendingReview(
        earned=sum((Decimal(q.get("earned") or 0) for q in graded), Decimal(0)),
        graded_out_of=sum((Decimal(q["points"]) for q in graded), Decimal(0)),
        pending=len(waiting),
        pending_points=sum((Decimal(q["points"]) for q in waiting), Decimal(0)),
        grading_days=days,
        expected_by=expected,
    )
