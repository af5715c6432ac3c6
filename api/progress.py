"""A learner's progress in each course they are enrolled in: the site's requirements
(``courses.outline`` → ``progress_from``) and their completions."""

from collections import defaultdict

from courses.learning.progress import progress_from
from courses.models import Completion, Enrollment
from courses.outline import course_outlines

from .courses import courses_by_key


def learner_progress(learner, locale, course_key=None):
    """``{"learner_id", "courses": [...]}`` in a constant number of queries."""
    enrollments = Enrollment.objects.filter(user=learner).order_by("created_at", "pk")
    if course_key is not None:
        enrollments = enrollments.filter(course_key=course_key)
    enrollments = list(enrollments)
    keys = [enrollment.course_key for enrollment in enrollments]
    pages = courses_by_key(keys, locale)
    outlines = course_outlines(list(pages.values()))
    completions = defaultdict(list)
    for row in Completion.objects.filter(user=learner, course_key__in=keys).order_by("completed_at", "pk"):
        completions[row.course_key].append(row)
    report = []
    for enrollment in enrollments:
        course = pages.get(enrollment.course_key)
        done = completions[enrollment.course_key]
        if course is None:  # no live version: nothing to measure against
            met = total = percent = 0
        else:
            progress = progress_from(outlines[course.pk], {row.resource_key for row in done})
            met, total, percent = progress.met, progress.total, progress.percent
        report.append(
            {
                "course_key": enrollment.course_key,
                "course_title": course.title if course is not None else "",
                "percent": percent,
                "requirements_met": met,
                "requirements": total,
                "completed": enrollment.completed_at is not None,
                "completed_at": enrollment.completed_at,
                "completions": done,
            }
        )
    return {"learner_id": learner.pk, "courses": report}
