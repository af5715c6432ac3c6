"""Courses' part of how the school is doing (accounts/school_figures.py): enrollments and
completions over the period, and the top courses by new enrollments. Superusers see every
course, an instructor the courses they own or teach; a course's statistics page, that
course. A fixed number of queries, whatever the number of students or courses."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.school_figures import Chart, Ranking

from ..models import Enrollment
from ..teaching import courses_taught_by
from .course_statistics import course_keys_for, courses_for

TOP_COURSES = 5


def _enrollments(user, course):
    """The enrollments whose figures ``user`` sees, or None when they teach no course."""
    enrollments = Enrollment.objects.all()
    if course is not None:
        return enrollments.filter(course_key=course.translation_key)
    keys = course_keys_for(user)
    if keys is None:
        return enrollments
    if not courses_taught_by(user).exists():
        return None
    return enrollments.filter(course_key__in=keys)


def _per_bucket(enrollments, period, field_name):
    rows = (
        enrollments.filter(**{f"{field_name}__gte": period.start()})
        .annotate(bucket=period.trunc(field_name))
        .values_list("bucket")
        .annotate(count=Count("pk"))
    )
    return period.fill(rows)


def enrollment_charts(user, period, course=None):
    """New enrollments and completed courses per bucket: two queries."""
    enrollments = _enrollments(user, course)
    if enrollments is None:
        return []
    return [
        Chart("enrollments", _("Enrollments"), _per_bucket(enrollments, period, "created_at"), order=30),
        Chart("completions", _("Completions"), _per_bucket(enrollments, period, "completed_at"), order=40),
    ]


def top_courses(user, period, limit=TOP_COURSES):
    """The courses with the most new enrollments in the period (with their completions in
    it), each linked to its statistics: two queries."""
    enrollments = _enrollments(user, None)
    if enrollments is None:
        return None
    start = period.start()
    rows = (
        enrollments.filter(created_at__gte=start)
        .values("course_key")
        .annotate(enrolled=Count("pk"))
        .order_by("-enrolled", "course_key")[:limit]
    )
    rows = list(rows)
    completed = dict(
        enrollments.filter(completed_at__gte=start, course_key__in=[row["course_key"] for row in rows])
        .values_list("course_key")
        .annotate(count=Count("pk"))
    )
    courses = {course.translation_key: course for course in courses_for(user)} if rows else {}
    table = []
    for row in rows:
        course = courses.get(row["course_key"])
        if course is None:
            continue
        url = reverse("course_statistics:detail", args=(course.pk,))
        table.append((course.title, url, [row["enrolled"], completed.get(row["course_key"], 0)]))
    return Ranking(
        "top_courses",
        _("Top courses"),
        [_("Course"), _("New enrollments"), _("Completions")],
        table,
        order=10,
        empty=_("No enrollment in this period."),
    )


def school_figures(request, period, course):
    """The ``register_school_figures`` contribution of courses."""
    items = enrollment_charts(request.user, period, course)
    if course is None and items:
        items.append(top_courses(request.user, period))
    return items
