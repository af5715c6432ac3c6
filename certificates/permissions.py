"""Who opens a certificate's page and PDF: its holder, and the course's staff."""

from courses.access import OPEN_EVERY_COURSE
from courses.teaching import is_course_instructor


def may_open(user, certificate):
    if not user.is_authenticated:
        return False
    if certificate.user_id == user.pk or user.is_superuser or user.has_perm(OPEN_EVERY_COURSE):
        return True
    return certificate.course is not None and is_course_instructor(user, certificate.course)
