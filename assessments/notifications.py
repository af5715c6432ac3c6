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
