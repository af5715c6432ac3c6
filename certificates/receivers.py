"""What certificates listens to: completed courses (issue) and published templates (render
their certificates again)."""

from courses.signals import course_completed


def issue_on_completion(sender, enrollment, user, course, **kwargs):
    from .issuing import issue_if_complete

    issue_if_complete(user, course)


def rerender_on_publish(sender, instance, **kwargs):
    from .models import CertificateTemplate
    from .tasks import queue_rerender_for_template

    if isinstance(instance, CertificateTemplate):
        queue_rerender_for_template(instance)


def connect():
    from wagtail.signals import published

    course_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
    published.connect(rerender_on_publish, dispatch_uid="certificates.rerender_on_publish")
