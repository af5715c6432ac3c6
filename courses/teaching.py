"""Who teaches a course: its owner and its instructors, as saved in the database (so a
draft cannot hand a course to someone else before it is published). The one definition:
admin permissions, statistics, course collections and the discussion policy all use it."""

from django.db.models import Q

# Who teaches any course: renewed when a course page is saved or its instructors change.
TEACHING = "teaching"


def taught_by(user):
    """A filter on CoursePage: the courses ``user`` owns or teaches."""
    return Q(owner=user) | Q(instructors=user)


def courses_taught_by(user):
    from .models import CoursePage

    if not user.is_authenticated:
        return CoursePage.objects.none()
    return CoursePage.objects.filter(taught_by(user)).distinct()


def is_course_instructor(user, course):
    """The course's owner or one of its instructors (the access rule, the page and the
    discussion all ask)."""
    if not user.is_authenticated or course is None or not course.pk:
        return False
    answers = user.__dict__.setdefault("_aula_teaches", {})  # for the request (a listing fills it at once)
    if course.pk not in answers:
        answers[course.pk] = user.pk in course_staff_ids(course)
    return answers[course.pk]


def course_staff_ids(course):
    """The ids of the course's owner and instructors, as saved: read through
    ``courses.cached`` (renewed when a course page is saved or its instructors change,
    ``courses/renewals.py``), and remembered on the course for the request."""
    if "_aula_staff_ids" not in course.__dict__:
        from . import cached

        def read():
            rows = type(course).objects.filter(pk=course.pk).values_list("owner_id", "instructors")
            return frozenset(user_id for row in rows for user_id in row if user_id is not None)

        course.__dict__["_aula_staff_ids"] = cached.course_staff_ids(course, read)
    return course.__dict__["_aula_staff_ids"]


def teaches_anything(user):
    """Does ``user`` own or teach any course? Read from the shared cache like
    ``course_staff_ids`` (the dashboard asks it of every student)."""
    if not user.is_authenticated:
        return False
    from . import cached
    from .models import CoursePage

    def read():
        rows = CoursePage.objects.values_list("owner_id", "instructors")
        return frozenset(user_id for row in rows for user_id in row if user_id is not None)

    return user.pk in cached.staff_of_every_course(read)


def teachers_of(course):
    """The owner and the instructors of ``course`` (each once)."""
    if course is None or not course.pk:
        return []
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(Q(owned_pages=course) | Q(courses_taught=course)).distinct())


def in_instructors_group(user):
    """Whether ``user`` is in the Instructors group; remembered on the user for the request
    (the builder's menu, its list and its import button all ask)."""
    if not user.is_authenticated:
        return False
    if "_aula_instructor" not in user.__dict__:
        from accounts.roles import INSTRUCTORS

        user.__dict__["_aula_instructor"] = user.groups.filter(name=INSTRUCTORS).exists()
    return user.__dict__["_aula_instructor"]
