"""The events an endpoint can subscribe to, and each one's payload: stable, versioned JSON
(docs/developers/webhooks.md shows every one).

Every delivery's body is an envelope::

    {"id": "<event id, a UUID: the same for every endpoint and every attempt>",
     "type": "enrollment.created", "version": 1, "created_at": "2026-12-07T14:30:00Z",
     "data": {...}}

``version`` changes only when a field is removed or changes meaning; fields may be added
within a version. Learners are named by their id, never by e-mail or name: a webhook
leaves Aula for another system, and a receiver that needs more asks Aula's API with a key
allowed to (personal data goes only where someone chose to send it).
"""

import uuid
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERSION = 1

ENROLLMENT_CREATED = "enrollment.created"
ENROLLMENT_ENDED = "enrollment.ended"
COURSE_COMPLETED = "course.completed"
CERTIFICATE_ISSUED = "certificate.issued"
ORDER_PAID = "order.paid"
ORDER_REFUNDED = "order.refunded"
PING = "ping"  # the admin's "Send test event": never subscribed to, sent on demand

#: What an endpoint may subscribe to, as the admin's form lists it.
CHOICES = [
    (ENROLLMENT_CREATED, _("Enrollment created (a learner enrolled in a course)")),
    (ENROLLMENT_ENDED, _("Enrollment ended (a refund, a dispute, a removal, the learner leaving)")),
    (COURSE_COMPLETED, _("Course completed")),
    (CERTIFICATE_ISSUED, _("Certificate issued")),
    (ORDER_PAID, _("Order paid")),
    (ORDER_REFUNDED, _("Order refunded (in full or in part)")),
]
TYPES = [name for name, _label in CHOICES]


def envelope(event_type, data, *, event_id=None, created_at=None):
    """The JSON body of an event (a new event id unless given)."""
    return {
        "id": str(event_id or uuid.uuid4()),
        "type": event_type,
        "version": VERSION,
        "created_at": _time(created_at or timezone.now()),
        "data": data,
    }


def _time(value):
    """An aware datetime as ISO 8601 in UTC ("2026-12-07T14:30:00Z"), or None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _money(value):
    """An amount as a string with its decimals ("49.00"): never a float."""
    return None if value is None else str(value)


def learner(user):
    return {"id": user.pk}


def course(page, course_key=None):
    """The course an event is about: its key (one for every language version), the page of
    the language version it happened through, its slug and title. ``page`` may be None (a
    language version deleted since): then only the key."""
    if page is None:
        return {"key": str(course_key) if course_key else None, "id": None, "slug": None, "title": None,
                "language": None}  # fmt: skip
    return {
        "key": str(page.translation_key),
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "language": page.locale.language_code,
    }


def enrollment_created(enrollment):
    return {
        "enrollment": {"source": enrollment.source, "created_at": _time(enrollment.created_at)},
        "learner": learner(enrollment.user),
        "course": course(enrollment.course, enrollment.course_key),
    }


def enrollment_ended(enrollment, user, course_key, reason):
    from courses.models import CoursePage

    page = enrollment.course if enrollment.course_id else None
    if page is None:
        page = CoursePage.objects.filter(translation_key=course_key, alias_of=None).order_by("pk").first()
    return {
        "enrollment": {
            "source": enrollment.source,
            "created_at": _time(enrollment.created_at),
            "ended_at": _time(timezone.now()),
            "reason": str(reason),
        },
        "learner": learner(user),
        "course": course(page, course_key),
    }


def course_completed(enrollment, user, page):
    return {
        "enrollment": {
            "source": enrollment.source,
            "created_at": _time(enrollment.created_at),
            "completed_at": _time(enrollment.completed_at),
        },
        "learner": learner(user),
        "course": course(page, enrollment.course_key),
    }


def certificate_issued(certificate):
    """A certificate of a course, a program or a master class's attendance (``kind``);
    ``course`` is the course's, or only the key of the program or master class."""
    return {
        "certificate": {
            "code": certificate.display_code,
            "kind": certificate.kind,
            "title": certificate.title,
            "language": certificate.language,
            "completed_at": _time(certificate.completed_at),
            "issued_at": _time(certificate.issued_at),
            "verification_url": certificate.verification_url(),
        },
        "learner": learner(certificate.user),
        "course": course(certificate.course, certificate.course_key),
    }


def order(order):
    return {
        "id": order.pk,
        "number": order.number,
        "status": order.status,
        "currency": order.currency,
        "subtotal": _money(order.subtotal),
        "discount": _money(order.discount),
        "tax": _money(order.tax),
        "total": _money(order.total),
        "coupon_code": order.coupon_code,
        "provider": order.provider,
        "created_at": _time(order.created_at),
        "paid_at": _time(order.paid_at),
        "refunded_at": _time(order.refunded_at),
        "lines": [
            {
                "kind": line.kind,
                "item_key": str(line.item_key),
                "title": line.title,
                "amount": _money(line.amount),
                "refunded": line.refunded_at is not None,
            }
            for line in order.lines.order_by("pk")
        ],
    }


def order_paid(paid):
    return {"order": order(paid), "buyer": learner(paid.user)}


def order_refunded(refunded, refund, amount, currency, partial):
    return {
        "order": order(refunded),
        "refund": {
            "amount": _money(amount),
            "currency": currency,
            "partial": partial,
            "reason": refund.reason if refund is not None else None,
        },
        "buyer": learner(refunded.user),
    }


def ping(endpoint):
    return {"message": "A test event sent from Aula's admin.", "endpoint": endpoint.pk}
