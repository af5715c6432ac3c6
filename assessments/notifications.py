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


def send_essay_waiting(attempt_id):
    """Tell the course's owner and instructors that an attempt waits for them to grade its
    essays (a digest: several submissions in a few minutes make one e-mail). Each is told
    once per attempt, in their language; the link opens the attempt's first essay."""
    from courses.models import CoursePage
    from courses.teaching import teachers_of

    from .reviewing import essays_of

    attempt = Attempt.objects.select_related("user").filter(pk=attempt_id, status="pending_review").first()
    if attempt is None:
        return 0
    versions = CoursePage.objects.filter(translation_key=attempt.course_key).order_by("pk")
    essays = essays_of(attempt)
    if not essays:
        return 0
    url = reverse("grading:grade", args=[essays[0].pk])
    told = 0
    for teacher in teachers_of(versions.first()):
        with written_for(teacher) as language:
            course = versions.filter(locale__language_code=language).first() or versions.first()
        told += (
            notify(
                teacher,
                "assessments.essay_waiting",
                context={"attempt": attempt, "course": course, "count": len(essays)},
                url=url,
                target=attempt,
                key=f"assessments.essay_waiting:{attempt.pk}:{teacher.pk}",
            )
            is not None
        )
    return told


def send_extra_attempt_email(request_id):
    _tell(
        ExtraAttemptRequest.objects.select_related("user").filter(pk=request_id).first(),
        "assessments.extra_attempt",
        "request",
        lambda request, resource: resource.url if resource else "",
    )
