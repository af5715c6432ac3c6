"""Durations, one definition everywhere (landing page, catalog and home cards, outline,
lesson page, certificate, its PDF, verification page and credential).

- A resource lasts what its media measure (the stored files' durations, summed over its
  video and audio blocks: ``ResourcePage.media_seconds``, kept on save); its author's
  estimate (``estimated_minutes``) applies only when it has no media to measure.
- A course lasts the sum of its live resources; the course's own estimate
  (``estimated_hours``) applies only when that sum is nothing.
- Durations read as people say them, in the visitor's language: "6 s", "4 min 30 s",
  "45 min", "1 h 20 min", "3 hours".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def resource_seconds(media_seconds, estimated_minutes):
    """A resource's seconds: measured when it has media, its author's estimate otherwise."""
    if media_seconds:
        return int(media_seconds)
    return int(estimated_minutes or 0) * 60


def course_seconds(course, resources_seconds):
    """A course's seconds. ``resources_seconds``: the sum of its live resources' seconds
    (``Outline.seconds``, ``catalog.course_sizes``)."""
    if resources_seconds:
        return int(resources_seconds)
    return int((course.estimated_hours or 0) * 3600)


def course_duration(course, resources_seconds):
    """'3 h 20 min', or '' when neither the resources nor the course say."""
    return format_duration(course_seconds(course, resources_seconds))


def course_hours(course, resources_seconds):
    """The course's duration in hours (to the tenth, as a certificate records it)."""
    return hours_of(course_seconds(course, resources_seconds))


def hours_of(seconds):
    return (Decimal(int(seconds or 0)) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def measured_course_seconds(course):
    """The seconds of a course's live resources, read now (two queries: the outline's)."""
    from .outline import course_outline

    return course_outline(course).seconds


def format_duration(seconds):
    """6 → '6 s', 270 → '4 min 30 s', 2700 → '45 min', 4800 → '1 h 20 min', 10800 →
    '3 hours'; '' for nothing. Seconds show only under ten minutes, where they matter."""
    try:
        seconds = int(round(float(seconds or 0)))
    except (TypeError, ValueError):
        return ""
    if seconds <= 0:
        return ""
    if seconds < 60:
        return _("%(seconds)s s") % {"seconds": seconds}
    if seconds < 600 and seconds % 60:
        return _("%(minutes)s min %(seconds)s s") % {"minutes": seconds // 60, "seconds": seconds % 60}
    total_minutes = int(round(seconds / 60))
    hours, minutes = divmod(total_minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": minutes}
    if not minutes:
        return ngettext("%(hours)s hour", "%(hours)s hours", hours) % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}


def measured_seconds(body):
    """The seconds a resource body's media last: the stored durations of the media its
    blocks play (a block names the child holding its media in ``Meta.measured_media``).
    One query for any number of media, none without."""
    from .models import CourseMedia

    ids = media_ids(body)
    if not ids:
        return 0
    durations = dict(CourseMedia.objects.filter(pk__in=set(ids)).values_list("pk", "duration"))
    return int(round(sum(durations.get(pk) or 0 for pk in ids)))


def media_ids(body):
    """The ids of the media a body plays, read from its raw data (no media is fetched)."""
    raw = getattr(body, "raw_data", None)
    children = body.stream_block.child_blocks if body is not None and hasattr(body, "stream_block") else {}
    if raw is None:
        raw = [{"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in body or []]
    ids = []
    for item in raw:
        block = children.get((item or {}).get("type"))
        field = getattr(getattr(block, "meta", None), "measured_media", None)
        value = (item.get("value") or {}) if field else {}
        media = value.get(field) if isinstance(value, dict) else None
        if isinstance(media, int):
            ids.append(media)
    return ids


def remeasure_resources(media):
    """Keep ``ResourcePage.media_seconds`` true when a media item's file (so its duration)
    changes: every resource (any language) playing it is measured again. Returns how many
    changed; their pages are renewed by the media's declared renewal (courses/renewals.py)."""
    from caching.registry import renew_rows

    from .models import CourseMedia, ResourcePage

    changed = 0
    resources = ResourcePage.objects.filter(kind__in=("video", "audio")).only("pk", "body", "media_seconds")
    for resource in resources.iterator():
        if media.pk in media_ids(resource.body):
            seconds = measured_seconds(resource.body)
            if seconds != resource.media_seconds:
                changed += ResourcePage.objects.filter(pk=resource.pk).update(media_seconds=seconds)
    if changed:
        renew_rows(CourseMedia, [media])  # a queryset update: no save signal
    return changed
