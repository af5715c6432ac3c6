"""What assessments holds about a learner (``accounts.personal_data``): attempts and their
answers, and requests for another attempt. The export leaves out what each attempt asked
(its snapshot holds the answer key, which never leaves the server).

When the account is deleted, the attempts and answers stay for the course's results and
item analysis, detached from the person: the account they belong to is anonymised (no
name, no address, cannot log in). The requests, the learner's own words, are erased."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, records, register

from .models import Answer, Attempt, ExtraAttemptRequest


def export(user):
    return {
        "attempts": records(
            Attempt.objects.filter(user=user), "id", "course_key", "resource_key", "evaluation_id", "number",
            "language", "status", "started_at", "deadline", "submitted_at", "score", "max_score", "passed",
        ),
        "answers": records(
            Answer.objects.filter(attempt__user=user), "attempt_id", "question_id", "response", "points", "correct",
            "feedback", "updated_at",
        ),
        "extra_attempt_requests": records(
            ExtraAttemptRequest.objects.filter(user=user), "course_key", "resource_key", "message", "status",
            "reason", "created_at", "decided_at",
        ),
    }  # fmt: skip


def erase(user, choices):
    ExtraAttemptRequest.objects.filter(user=user).delete()


register(
    PersonalData(
        "assessments",
        covers=["assessments.Attempt.user", "assessments.ExtraAttemptRequest.user"],
        keeps={"assessments.ExtraAttemptRequest.decided_by": _("who granted or refused an attempt: a staff record")},
        export=export,
        erase=erase,
    )
)
