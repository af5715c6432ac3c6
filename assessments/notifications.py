"""E-mails to students (sent by django-q2 workers), in the language they took the attempt in."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Attempt


def send_graded_email(attempt_id):
    attempt = Attempt.objects.select_related("user").filter(pk=attempt_id).first()
    if attempt is None or not attempt.user.email:
        return
    from courses.models import ResourcePage

    resource = ResourcePage.objects.live().filter(translation_key=attempt.resource_key).first()
    with translation.override(attempt.language or settings.LANGUAGE_CODE):
        context = {"attempt": attempt, "resource": resource, "site_url": settings.SITE_URL}
        subject = render_to_string("assessments/email/graded_subject.txt", context).strip()
        body = render_to_string("assessments/email/graded_body.txt", context)
    send_mail(subject, body, None, [attempt.user.email])


def send_extra_attempt_email(request_id):
    from .models import ExtraAttemptRequest

    request = ExtraAttemptRequest.objects.select_related("user").filter(pk=request_id).first()
    if request is None or not request.user.email:
        return
    from courses.models import ResourcePage

    resource = ResourcePage.objects.live().filter(translation_key=request.resource_key).first()
    with translation.override(request.language or settings.LANGUAGE_CODE):
        context = {"request": request, "resource": resource, "site_url": settings.SITE_URL}
        subject = render_to_string("assessments/email/extra_attempt_subject.txt", context).strip()
        body = render_to_string("assessments/email/extra_attempt_body.txt", context)
    send_mail(subject, body, None, [request.user.email])
