"""Enrollments through the API: the site's ``enroll`` and ``end_enrollment``, for a learner
named by id or e-mail, in a course the site shows, once per ``request_id``."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound

from courses.access import check_access
from courses.learning.enrollment import EndReason, end_enrollment, enroll
from courses.models import Enrollment

from . import courses, idempotency
from .learners import learner_from
from .serializers import EnrollmentCreatedSerializer


def enroll_once(key, data, locale):
    """``(status, body, replayed)``: the learner enrolled in the course (201), already
    enrolled (200), or the first answer to this ``request_id``."""
    print_ = idempotency.fingerprint("enroll", {k: v for k, v in data.items() if k != "request_id"})

    def produce():
        learner = learner_from(data["learner"])
        course = courses.course_in(data["course"], locale)
        if not check_access(learner, course).allowed:
            raise NotFound(_("No published course has this key."))
        enrollment, created = enroll(learner, course, data["mode"])
        body = EnrollmentCreatedSerializer({"created": created, "enrollment": enrollment}).data
        return (status.HTTP_201_CREATED if created else status.HTTP_200_OK), body

    return idempotency.answer_once(key, data["request_id"], print_, produce)


def enrollments(filters):
    found = Enrollment.objects.select_related("user", "course").order_by("-created_at", "-pk")
    if "learner" in filters:
        found = found.filter(user=learner_from(filters["learner"]))
    if "course" in filters:
        found = found.filter(course_key=filters["course"])
    return found


def enrollment(pk):
    found = Enrollment.objects.select_related("user", "course").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No enrollment has this id."))
    return found


def end(pk):
    """End the enrollment as staff would (progress kept; ``enrollment_ended`` sent)."""
    end_enrollment(enrollment(pk), EndReason.ADMIN)
