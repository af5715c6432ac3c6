"""What courses holds about a learner (``accounts.personal_data``): enrollments, progress,
playback positions and reviews, exported; erased when the account is deleted (a review is
the learner's own words; the course's rating is counted again without it)."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, records, register

from .models import Completion, Enrollment, PlaybackPosition, Review


def export(user):
    return {
        "enrollments": records(
            Enrollment.objects.filter(user=user), "course_key", "course__title", "source",
            "created_at", "last_activity_at", "completed_at",
        ),
        "completed_resources": records(
            Completion.objects.filter(user=user), "course_key", "resource_key", "completed_at"
        ),
        "playback_positions": records(
            PlaybackPosition.objects.filter(user=user), "course_key", "resource_key", "position", "watched",
            "duration", "started_at", "updated_at",
        ),
        "reviews": records(
            Review.objects.filter(user=user), "course_key", "course__title", "rating", "comment", "hidden",
            "created_at", "updated_at",
        ),
    }  # fmt: skip


def erase(user, choices):
    # One by one: each delete renews what it showed (courses/renewals.py).
    for model in (Review, PlaybackPosition, Completion, Enrollment):
        for row in model.objects.filter(user=user):
            row.delete()


register(
    PersonalData(
        "courses",
        covers=["courses.Enrollment.user", "courses.Completion.user", "courses.PlaybackPosition.user",
                "courses.Review.user"],
        keeps={
            "courses.Invitation.created_by": _("who invited a learner to a course: a staff record"),
            "courses.CourseMedia.uploaded_by_user": _("who uploaded a course file: a staff record"),
            "courses.CoursePage.instructors": _(
                "who teaches a course, shown on its page: editors reassign the course; until then it shows "
                "'deleted user'"
            ),
        },
        export=export,
        erase=erase,
    )
)  # fmt: skip
