"""The courses app's cached reads: each is a thin wrapper that keeps a plain read of a
domain module (``access``, ``teaching``, ``sources``, ``learning.enrollment``,
``learning.progress``, ``learning.reviews``, the page models) in the shared or personal
cache, under the scopes that renew it (``courses/renewals.py`` declares which changes
renew them). The rules call these by name; none of them talks to the cache itself.
"""

from caching.personal_cache import personal_value
from caching.registry import page_depends_on
from caching.scopes import course as course_scope
from caching.shared import shared_fragment, shared_instance, shared_value, shared_values


def section_unpublished(resource, course, read):
    """The same for everyone until a page of the course is published, unpublished or moved."""
    return shared_value(
        None, f"section-unpublished:{resource.path}", read, scopes=[course_scope(course.translation_key)]
    )


def course_staff_ids(course, read):
    """Who owns or teaches ``course``: renewed when it is saved or its instructors change."""
    return shared_value(None, f"course-staff:{course.pk}", read, scopes=[course_scope(course.translation_key)])


def staff_of_every_course(read):
    """Who owns or teaches any course (``teaching`` scope)."""
    from .teaching import TEACHING

    return shared_value(None, "course-staff:all", read, scopes=[TEACHING])


def course_rules(courses_by_pk, read_missing):
    """``{"course-rules:<pk>": values}`` of each course's source, each under its course."""
    names = [f"course-rules:{pk}" for pk in courses_by_pk]
    scopes = {f"course-rules:{pk}": [course_scope(c.translation_key)] for pk, c in courses_by_pk.items()}
    return shared_values(None, names, lambda missing: read_missing(), scopes=scopes)


def course_of(page, read):
    """A published page's course (a model instance; each caller gets its own copy)."""
    return shared_instance(None, f"course-of:{page.pk}:{page.path}", read, scopes=page_depends_on(page))


def intro_captions(course, read):
    """The caption tracks of a course's intro video: renewed when the course is published
    or a caption track changes (``SITE``)."""
    return shared_value(None, f"intro-captions:{course.pk}", read, scopes=[course_scope(course.translation_key)])


def own_review(user, course_key, read):
    """The user's review of a course: their personal cache (a review renews its author)."""
    return personal_value(user.pk, f"review:{course_key}", read)


def enrollment(user, course_key, read):
    """The user's enrollment in a course: their personal cache."""
    return personal_value(user.pk, f"enrollment:{course_key}", read)


def completed_keys(user, course_key, read):
    """The resources the user completed in a course: their personal cache."""
    return personal_value(user.pk, f"completed:{course_key}", read)


def student_count(request, course_key, read):
    """Shown to everyone on the course page: renewed with the course (enrollments renew it)."""
    return shared_fragment(request, f"students:{course_key}", read, scopes=[course_scope(course_key)])


def course_review_facts(course_key, read):
    """Who reviewed a course and its rating (``courses.learning.reviews``): shown to everyone,
    renewed with the course (a review renews it)."""
    return shared_value(None, f"reviews-of:{course_key}", read, scopes=[course_scope(course_key)])
