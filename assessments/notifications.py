"""E-mails to students (sent by django-q2 workers), in the language they took the attempt
in or asked in."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Attempt, ExtraAttemptRequest


def _send(record, template_prefix, context_name):
    """E-mail ``record.user`` the ``<template_prefix>_subject.txt``/``_body.txt`` pair, with
    ``record`` in the context as ``context_name`` and its resource in the user's language."""
    if record is None or not record.user.email:
        return
    from courses.models import ResourcePage

    resource = ResourcePage.objects.live().filter(translation_key=record.resource_key).first()
    with translation.override(record.language or settings.LANGUAGE_CODE):
        context = {context_name: record, "resource": resource, "site_url": settings.SITE_URL}
        subject = render_to_string(f"assessments/email/{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"assessments/email/{template_prefix}_body.txt", context)
    send_mail(subject, body, None, [record.user.email])


def send_graded_email(attempt_id):
    _send(Attempt.objects.select_related("user").filter(pk=attempt_id).first(), "graded", "attempt")


def send_extra_attempt_email(request_id):
    _send(ExtraAttemptRequest.objects.select_related("user").filter(pk=request_id).first(), "extra_attempt", "request")
