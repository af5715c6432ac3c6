"""A course's one duration, used everywhere (landing page, catalog cards, dashboard): the
sum of its resources' durations; the course's own estimate only when they have none."""

from .templatetags.course_tags import minutes


def course_minutes(course, resource_minutes):
    """``resource_minutes``: the sum of the resources' minutes (``Outline.minutes``)."""
    if resource_minutes:
        return resource_minutes
    return int((course.estimated_hours or 0) * 60)


def course_duration(course, resource_minutes):
    """'3 h 20 min', or '' when neither the resources nor the course say."""
    return minutes(course_minutes(course, resource_minutes))
