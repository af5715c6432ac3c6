"""What the webhooks app listens to: the signals of courses, certificates and commerce,
each turned into an event for the endpoints subscribed to it (``publishing.publish``,
which writes the deliveries once the transaction commits)."""

from . import events
from .publishing import publish


def on_enrolled(sender, enrollment, created=True, **kwargs):
    publish(events.ENROLLMENT_CREATED, lambda: events.enrollment_created(enrollment))


def on_enrollment_ended(sender, enrollment, user, course_key, reason, **kwargs):
    publish(events.ENROLLMENT_ENDED, lambda: events.enrollment_ended(enrollment, user, course_key, reason))


def on_course_completed(sender, enrollment, user, course, **kwargs):
    publish(events.COURSE_COMPLETED, lambda: events.course_completed(enrollment, user, course))


def on_certificate_issued(sender, certificate, **kwargs):
    publish(events.CERTIFICATE_ISSUED, lambda: events.certificate_issued(certificate))


def on_order_paid(sender, order, **kwargs):
    publish(events.ORDER_PAID, lambda: events.order_paid(order))


def on_order_refunded(sender, order, refund, amount, currency, partial, **kwargs):
    publish(events.ORDER_REFUNDED, lambda: events.order_refunded(order, refund, amount, currency, partial))


def connect():
    from certificates.signals import certificate_issued
    from commerce.signals import order_paid, order_refunded
    from courses.signals import course_completed, enrolled, enrollment_ended

    enrolled.connect(on_enrolled, dispatch_uid="webhooks.enrolled")
    enrollment_ended.connect(on_enrollment_ended, dispatch_uid="webhooks.enrollment_ended")
    course_completed.connect(on_course_completed, dispatch_uid="webhooks.course_completed")
    certificate_issued.connect(on_certificate_issued, dispatch_uid="webhooks.certificate_issued")
    order_paid.connect(on_order_paid, dispatch_uid="webhooks.order_paid")
    order_refunded.connect(on_order_refunded, dispatch_uid="webhooks.order_refunded")
