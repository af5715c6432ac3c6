"""Refusals a student or an instructor can cause in courses; views turn them into messages."""

from django.utils.translation import gettext_lazy as _

from core.errors import UserFacingError


class CourseError(UserFacingError):
    """Base class of the courses app's user-facing errors."""


class EnrollmentError(CourseError):
    """Enrolling, leaving or ending an enrollment was refused."""


class ProgressError(CourseError):
    """A completion or a playback report was refused."""


class ReviewError(CourseError):
    """A review was refused."""


class CourseReviewError(CourseError):
    """Submitting a course for review, or publishing it, was refused."""


class CurriculumError(CourseError):
    """A change in the course builder (e.g. a move) was refused."""


class StorageFull(CourseError):
    """A file could not be stored: the disk (or the quota) is full. Nothing was kept."""

    def __init__(self):
        super().__init__(
            _(
                "The file could not be saved: the server's disk is full. Nothing was kept. "
                "Try again later, or tell the site's administrator."
            )
        )
