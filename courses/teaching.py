"""Who teaches a course: its owner and its instructors, as saved in the database (so a
draft cannot hand a course to someone else before it is published). The one definition:
admin permissions, statistics, course collections and the discussion policy all use it."""

from django.db.models import Q


def taught_by(user):
    """A filter on CoursePage: the courses ``user`` owns or teaches."""
    return Q(owner=user) | Q(instructors=user)


def courses_taught_by(user):
    from .models import CoursePage

    if not user.is_authenticated:
        return CoursePage.objects.none()
    return CoursePage.objects.filter(taught_by(user)).distinct()


def is_course_instructor(user, course):
    """The course's owner or one of its instructors. Remembered on the user object, which
    lives for one request (the access rule, the page and the discussion all ask)."""
    if not user.is_authenticated or course is None or not course.pk:
        return False
    answers = user.__dict__.setdefault("_aula_teaches", {})
    if course.pk not in answers:
        answers[course.pk] = type(course).objects.filter(taught_by(user), pk=course.pk).exists()
    return answers[course.pk]


def teachers_of(course):
    """The owner and the instructors of ``course`` (each once)."""
    if course is None or not course.pk:
        return []
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(Q(owned_pages=course) | Q(courses_taught=course)).distinct())
