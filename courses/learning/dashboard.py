"""The dashboard's course panels: a student's courses in progress (with cover and last
activity) and completed, recommendations for a student with nothing in progress; the
courses an instructor teaches; a moderator's review queue."""

import copy
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Locale

from accounts.dashboard import DashboardPanel
from caching.kept_html import as_served, render_to_keep
from caching.personal_cache import kept_version, personal_value
from caching.scopes import course as course_scope
from caching.shared import shared_fragment, shared_values
from core.localized import pages_in_active_language

from ..models import Completion, CourseIndexPage, CoursePage, Enrollment
from ..outline import course_outlines, shared_course_outlines
from .progress import CourseProgress, progress_from
from .recommendations import suggested_courses

CARD_COVER = "fill-480x270"


@dataclass
class EnrolledCourse:
    enrollment: Enrollment
    course: CoursePage
    progress: CourseProgress


def enrolled_courses(user, request=None):
    """The user's courses, in their language where a translation exists, with progress;
    most recently active first. A fixed number of queries, whatever the number of courses."""
    if request is None:
        enrollments, done = _enrollments_and_completions(user)
    else:
        enrollments, done = _kept_enrollments_and_completions(user)
    pages = _course_pages([e.course_key for e in enrollments], request)
    outlines = shared_course_outlines(pages.values(), request) if request else course_outlines(pages.values())
    result = []
    for enrollment in enrollments:
        course = pages.get(enrollment.course_key)
        if course is None:  # unpublished or deleted since
            continue
        completed = done.get(course.translation_key, ())
        result.append(EnrolledCourse(enrollment, course, progress_from(outlines[course.pk], completed)))
    return result


def _enrollments_and_completions(user):
    """The user's enrollments, most recently active first, and ``{course_key: completed
    resource keys}``: two queries, kept in the user's personal cache on the dashboard."""
    enrollments = list(Enrollment.objects.filter(user=user).order_by("-last_activity_at", "-created_at"))
    done = defaultdict(set)
    completions = Completion.objects.filter(user=user, course_key__in=[e.course_key for e in enrollments])
    for course_key, resource_key in completions.values_list("course_key", "resource_key"):
        done[course_key].add(resource_key)
    return enrollments, dict(done)


def _kept_enrollments_and_completions(user):
    return personal_value(user.pk, "dashboard-courses", lambda: _enrollments_and_completions(user))


def _course_pages(keys, request):
    """``{course_key: live course page}`` in the active language, with their cover's
    rendition: what every student's dashboard lists, so shared until the next change
    (the pages missing from the cache are read together, in one query)."""

    def read(wanted):
        covers = get_image_model().objects.prefetch_renditions(CARD_COVER)
        live = CoursePage.objects.live().defer_streamfields().prefetch_related(Prefetch("cover_image", queryset=covers))
        return pages_in_active_language(live, wanted)

    if request is None:
        return read(keys)
    language = get_language()
    names = {f"dashboard-course:{language}:{key}": key for key in keys}

    def build(missing):
        found = read([names[name] for name in missing])
        return {name: found.get(names[name], False) for name in missing}  # False: none, kept too

    shared = shared_values(request, list(names), build, {name: [course_scope(key)] for name, key in names.items()})
    return {key: copy.copy(shared[name]) for name, key in names.items() if shared[name]}


def catalog_url(request):
    """The catalog of the active language ("" when it has none), shared until the next change."""

    def find():
        catalog = CourseIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        return catalog.get_url(request) if catalog else ""

    return shared_fragment(request, "catalog-url", find)


@hooks.register("register_dashboard_panel")
def my_courses_panel(request):
    """The student's courses in progress and completed, kept rendered (``kept_course_lists``);
    courses to start when none is in progress, read afresh (they depend on the whole catalog)."""
    lists = kept_course_lists(request)
    return DashboardPanel(
        "courses/dashboard/my_courses.html",
        {
            "in_progress": lists["in_progress"],
            "completed": lists["completed"],
            "recommended": suggested_courses(request.user, Locale.get_active(), limit=3) if lists["recommend"] else [],
        },
        order=10,
        stylesheets=["courses/css/courses.css"],
    )


def kept_course_lists(request):
    """``{"in_progress": html, "completed": html, "recommend": nothing in progress}``, rendered
    once and kept in the student's personal cache until their scope (enrolling, leaving,
    progress, a course completed) or the scope of one of their courses (a page of it published
    or unpublished, the course saved) is renewed. "Last activity … ago" is put in as served."""
    user = request.user
    enrollments, _done = _kept_enrollments_and_completions(user)

    def render():
        courses = enrolled_courses(user, request)
        in_progress = [c for c in courses if c.enrollment.completed_at is None]
        completed = [c for c in courses if c.enrollment.completed_at is not None]
        context = {"in_progress": in_progress, "completed": completed, "catalog_url": catalog_url(request)}
        return {
            "in_progress": render_to_keep("courses/dashboard/courses_in_progress.html", context, request),
            "completed": render_to_keep("courses/dashboard/completed_courses.html", context, request),
            "recommend": not in_progress,
        }

    name = kept_version(request, "dashboard:my-courses")
    lists = personal_value(user.pk, name, render, [course_scope(e.course_key) for e in enrollments])
    return {**lists, "in_progress": as_served(lists["in_progress"]), "completed": as_served(lists["completed"])}


@hooks.register("register_dashboard_panel")
def teaching_panel(request):
    """Instructors: the courses they teach, with students, completion and recent reviews."""
    from .teaching_dashboard import builder_url, taught_course_rows

    rows = taught_course_rows(request.user)
    if not rows:
        return None
    return DashboardPanel("courses/dashboard/teaching.html", {"rows": rows, "builder_url": builder_url()}, order=5)


@hooks.register("register_dashboard_panel")
def review_queue_panel(request):
    """Moderators: course pages waiting for review, with their course."""
    from .teaching_dashboard import review_queue

    queue = review_queue(request.user)
    if queue is None:
        return None
    return DashboardPanel("courses/dashboard/review_queue.html", {"queue": queue}, order=6)
