"""What instructors and moderators see on their dashboard: the courses they teach (students,
completion, recent reviews) and the pages of courses waiting for review. A fixed number of
queries; nothing for a student (one query to find out)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from ..models import Review
from ..teaching import teaches_anything
from .course_statistics import course_summaries, courses_for

RECENT_REVIEW_DAYS = 14
QUEUE_LENGTH = 10


@dataclass
class TaughtCourse:
    summary: object  # course_statistics.CourseSummary
    recent_reviews: int

    @property
    def course(self):
        return self.summary.course

    @property
    def edit_url(self):
        """The course's curriculum in the course builder (its explorer page without it)."""
        return _admin_url("course_builder:curriculum", "wagtailadmin_explore", self.course.pk)


def builder_url():
    """The admin's course list (the course builder), or the admin's home without it."""
    return _admin_url("course_builder:index", "wagtailadmin_home")


def _admin_url(name, fallback, *args):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return reverse(fallback, args=args)


def taught_course_rows(user):
    if not user.is_authenticated or not teaches_anything(user):
        return []
    courses = courses_for(user)
    if not courses:
        return []
    since = timezone.now() - timedelta(days=RECENT_REVIEW_DAYS)
    recent = dict(
        Review.objects.filter(course_key__in=[c.translation_key for c in courses], created_at__gte=since, hidden=False)
        .values("course_key")
        .annotate(count=Count("id"))
        .values_list("course_key", "count")
    )
    return [
        TaughtCourse(summary, recent.get(summary.course.translation_key, 0)) for summary in course_summaries(courses)
    ]


def review_queue(user):
    """Pages of courses in a review workflow task (oldest first: the longest waiting), each
    with its course; or None for a user who does not moderate. Three queries."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, TaskState

    from ..models import CoursePage
    from ..viewsets.reviews import MODERATE_REVIEWS_PERMISSION

    if not user.is_authenticated or not user.has_perm(MODERATE_REVIEWS_PERMISSION):
        return None
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("workflow_state", "task")
        .order_by("started_at")[:QUEUE_LENGTH]
    )
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    steplen = Page.steplen
    course_depth = CoursePage.objects.values_list("depth", flat=True).first() or 0
    course_paths = {page.path[: course_depth * steplen] for page in pages.values() if page.depth >= course_depth}
    courses = {course.path: course for course in CoursePage.objects.filter(path__in=course_paths)}
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        course = courses.get(page.path[: course_depth * steplen])
        if course is None:
            continue  # not a course page: the Wagtail dashboard lists those
        items.append({"page": page, "course": course, "task": state.task, "started_at": state.started_at})
    return items
