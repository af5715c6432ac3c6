"""Telling students about their attempts (through ``notifications``, whose job e-mails
them), in their language: their profile's choice, else the one they signed up in, else the
language they took the attempt in or asked in."""

from django.urls import reverse

from notifications.language import written_for
from notifications.sending import notify

from .models import Attempt, ExtraAttemptRequest


def _tell(record, kind, context_name, url_of):
    if record is None:
        return None
    from courses.models import ResourcePage

    with written_for(record.user, record.language) as language:
        resources = ResourcePage.objects.live().filter(translation_key=record.resource_key)
        resource = resources.filter(locale__language_code=language).first() or resources.first()
        url = url_of(record, resource)
    return notify(
        record.user,
        kind,
        context={context_name: record, "resource": resource},
        url=url,
        language=record.language,
        target=record,
        key=f"{kind}:{record.pk}:{getattr(record, 'status', '')}",
    )


def send_graded_email(attempt_id):
    _tell(
        Attempt.objects.select_related("user").filter(pk=attempt_id).first(),
        "assessments.graded",
        "attempt",
        lambda attempt, resource: reverse("assessment_result", args=[attempt.pk]),
    )


def send_extra_attempt_email(request_id):
    _tell(
        ExtraAttemptRequest.objects.select_related("user").filter(pk=request_id).first(),
        "assessments.extra_attempt",
        "request",
        lambda request, resource: resource.url if resource else "",
    )
