"""Instructor statistics: who enrolled, who is active, who finished, how far students get
on average, where they stop (the per-resource funnel) and what they think (rating).

Every number is computed in the database with a fixed number of queries, whatever the
number of students: aggregates and GROUP BYs, never a loop over students.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone
from wagtail.models import Locale

from ..models import Completion, CoursePage, Enrollment
from ..models.pages import Requirement
from ..outline import course_outline
from ..teaching import courses_taught_by
from .progress import requirements_of
from .reviews import rating_summaries, rating_summary

ACTIVE_DAYS = 7


def course_keys_for(user):
    """The ``translation_key`` of every course whose statistics, enrollments and reviews
    ``user`` may see, as a subquery (or None: every course, for superusers)."""
    if user.is_superuser:
        return None
    return courses_taught_by(user).values("translation_key").distinct()


def courses_for(user, every=False):
    """The courses whose statistics ``user`` may see (``every``: all courses, for a user
    whose permission covers every course), one page per course (per ``translation_key``),
    the default-locale version when there is one; by title."""
    if not user.is_authenticated or not user.is_active:
        return []
    pages = CoursePage.objects.defer_streamfields().only("id", "title", "path", "translation_key", "locale_id")
    keys = None if every else course_keys_for(user)
    if keys is not None:
        pages = pages.filter(translation_key__in=keys)
    default_locale_id = Locale.get_default().pk
    chosen = {}
    for page in pages.order_by("path"):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == default_locale_id and current.locale_id != default_locale_id):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.lower())


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass
class FunnelStep:
    """One resource, in course order, and how many enrolled students completed it."""

    resource: object  # an outline.OutlineResource
    completed: int
    enrolled: int

    @property
    def percent(self):
        return percent(self.completed, self.enrolled)

    @property
    def requirement_label(self):
        return Requirement(self.resource.requirement).label if self.resource.requirement in Requirement.values else ""


@dataclass
class CourseSummary:
    """The headline numbers of a course (the statistics index)."""

    course: CoursePage
    enrolled: int
    active_7_days: int
    completed: int
    average_rating: float | None
    rating_count: int

    @property
    def completion_rate(self):
        return percent(self.completed, self.enrolled)


@dataclass
class CourseStatistics(CourseSummary):
    average_progress: float  # percent, 0–100
    funnel: list


def _enrollment_counts(course_keys):
    since = timezone.now() - timedelta(days=ACTIVE_DAYS)
    rows = (
        Enrollment.objects.filter(course_key__in=list(course_keys))
        .values("course_key")
        .annotate(
            enrolled=Count("id"),
            active=Count("id", filter=Q(last_activity_at__gte=since)),
            completed=Count("id", filter=Q(completed_at__isnull=False)),
        )
    )
    return {row["course_key"]: row for row in rows}


def course_summaries(courses):
    """Headline numbers for many courses in two queries."""
    keys = [course.translation_key for course in courses]
    counts = _enrollment_counts(keys)
    ratings = rating_summaries(keys)
    summaries = []
    for course in courses:
        row = counts.get(course.translation_key, {})
        rating = ratings.get(course.translation_key, {"average": None, "count": 0})
        summaries.append(
            CourseSummary(
                course=course,
                enrolled=row.get("enrolled", 0),
                active_7_days=row.get("active", 0),
                completed=row.get("completed", 0),
                average_rating=rating["average"],
                rating_count=rating["count"],
            )
        )
    return summaries


def _enrolled_completions(course_key):
    """Completions of the course by its currently enrolled students."""
    enrolled = Enrollment.objects.filter(course_key=course_key).values("user_id")
    return Completion.objects.filter(course_key=course_key, user_id__in=enrolled)


def _requirements_met(completions, requirements, completed_by_resource):
    """How many (student, requirement) pairs are met, summed over enrolled students.

    A single-resource requirement is met by as many students as completed that resource
    (the funnel already counts them); an alternative group is met once per student who
    completed any of its resources, counted in one query for all groups together."""
    met = 0
    groups = []
    for requirement in requirements:
        if len(requirement.resources) == 1:
            met += completed_by_resource.get(requirement.first.translation_key, 0)
        else:
            groups.append([resource.translation_key for resource in requirement.resources])
    if groups:
        group_of = Case(
            *[When(resource_key__in=keys, then=Value(index)) for index, keys in enumerate(groups)], default=Value(-1)
        )
        met += (
            completions.filter(resource_key__in=[key for keys in groups for key in keys])
            .annotate(requirement=group_of)
            .values("user_id", "requirement")
            .distinct()
            .count()
        )
    return met


def course_statistics(course):
    """Everything the statistics page shows for ``course``, in six queries at most."""
    key = course.translation_key
    counts = _enrollment_counts([key]).get(key, {})
    enrolled = counts.get("enrolled", 0)
    resources = course_outline(course).resources
    completions = _enrolled_completions(key)
    per_resource = completions.order_by().values("resource_key").annotate(students=Count("id"))
    completed_by_resource = {row["resource_key"]: row["students"] for row in per_resource}
    requirements = requirements_of(resources)
    met = _requirements_met(completions, requirements, completed_by_resource) if enrolled and requirements else 0
    rating = rating_summary(course)
    return CourseStatistics(
        course=course,
        enrolled=enrolled,
        active_7_days=counts.get("active", 0),
        completed=counts.get("completed", 0),
        average_rating=rating["average"],
        rating_count=rating["count"],
        average_progress=percent(met, enrolled * len(requirements)),
        funnel=[FunnelStep(r, completed_by_resource.get(r.translation_key, 0), enrolled) for r in resources],
    )
