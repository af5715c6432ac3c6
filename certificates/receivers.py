"""What certificates listens to: completed courses (issue), enrollments ended by a refund
or a disputed payment (revoke what they earned), and published templates (render their
certificates again)."""

from django.utils.translation import gettext_lazy as _

from courses.learning.enrollment import EndReason
from courses.signals import course_completed, enrollment_ended

REVOKED_BECAUSE = {
    EndReason.REFUND: _("The payment for this course was refunded."),
    EndReason.DISPUTE: _("The payment for this course was disputed."),
}


def issue_on_completion(sender, enrollment, user, course, **kwargs):
    from .issuing import issue_if_complete

    issue_if_complete(user, course)


def revoke_on_refund(sender, enrollment, user, course_key, reason, **kwargs):
    """A refunded or disputed enrollment earned nothing: its course certificate is revoked
    with the reason. (A student who leaves, or whom staff remove, keeps what they earned.)"""
    from .issuing import revoke_unearned
    from .models import Certificate

    because = REVOKED_BECAUSE.get(reason)
    if because is None:
        return
    certificate = Certificate.objects.filter(user=user, course_key=course_key, kind=Certificate.Kind.COURSE).first()
    if certificate is not None:
        revoke_unearned(certificate, because)


def rerender_on_publish(sender, instance, **kwargs):
    from .models import CertificateTemplate
    from .tasks import queue_rerender_for_template

    if isinstance(instance, CertificateTemplate):
        queue_rerender_for_template(instance)


def connect():
    from wagtail.signals import published

    course_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
    enrollment_ended.connect(revoke_on_refund, dispatch_uid="certificates.revoke_on_refund")
    published.connect(rerender_on_publish, dispatch_uid="certificates.rerender_on_publish")
