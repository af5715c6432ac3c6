"""The courses the API shows: the catalog's (``courses.catalog``: live, public, one version
per course in the requested language) and one course by its key, through the access rule
as an anonymous visitor sees it."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from courses.access import check_access
from courses.catalog import courses_in_locale, filter_courses
from courses.models import CoursePage


def catalog(locale, filters):
    """The catalog in ``locale``, filtered as the site's catalog filters (featured first)."""
    spoken = filters.pop("taught_in", None)
    if spoken:
        filters["language"] = spoken
    courses = filter_courses(courses_in_locale(locale), filters)
    return (
        courses.defer_streamfields()
        .select_related("category", "locale")
        .prefetch_related("instructors")
        .order_by("-featured", "title", "pk")
    )


def course_in(key, locale):
    """The course ``key`` in ``locale`` (its first version when not translated), as the
    public site shows it; a 404 when the site would not show it to a visitor."""
    versions = CoursePage.objects.live().public().filter(translation_key=key).select_related("category", "locale")
    course = versions.filter(locale=locale).first() or versions.order_by("pk").first()
    if course is None or not check_access(AnonymousUser(), course).allowed:
        raise NotFound(_("No published course has this key."))
    return course


def courses_by_key(keys, locale):
    """``{key: course}`` for the keys' live versions, preferring ``locale``'s (for titles)."""
    found = {}
    for course in CoursePage.objects.live().filter(translation_key__in=set(keys)).order_by("pk").defer_streamfields():
        if course.translation_key not in found or course.locale_id == locale.pk:
            found[course.translation_key] = course
    return found
