"""What the assessments app tells students (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register

register(
    Kind(
        "assessments.graded",
        label=_("Your evaluation was graded"),
        description=_("When an instructor finishes grading an attempt of yours."),
        recipients=_("the student who made the attempt"),
        channels={SITE, EMAIL},
    )
)
register(
    Kind(
        "assessments.extra_attempt",
        label=_("Your request for another attempt was answered"),
        description=_("When an instructor approves or refuses your request to try an evaluation again."),
        recipients=_("the student who asked"),
        channels={SITE, EMAIL},
    )
)


def _essay_still_waiting(notification):
    """Graded meanwhile (by this instructor or another), or the attempt is gone: no e-mail."""
    attempt = notification.target
    return attempt is not None and attempt.status == "pending_review"


register(
    Kind(
        "assessments.essay_waiting",
        label=_("Essays to grade"),
        description=_("When a student of a course you teach submits an attempt with written answers to grade."),
        recipients=_("the course's owner and instructors"),
        channels={SITE, EMAIL},
        digest=True,
        still_wanted=_essay_still_waiting,
        staff_only=True,
    )
)
