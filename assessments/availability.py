"""When evaluations are open, queryable: ``EvaluationWindow`` rows follow the SOURCE
resource's published evaluation (the one that grades), kept in step on publish, unpublish
and delete of any language version (receivers.py). The dashboard reads them to list
upcoming deadlines in one query whatever the number of courses."""

from django.utils import timezone

from courses.models import Enrollment, ResourcePage

from .attempts import evaluation_in, source_resource
from .models import Attempt, EvaluationWindow


def _aware(value):
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def sync_window(translation_key):
    """Bring the window of the resource ``translation_key`` in line with its live source's
    evaluation: created or updated when it has a date, deleted otherwise."""
    live = ResourcePage.objects.live().filter(translation_key=translation_key).first()
    source = source_resource(live) if live is not None else None
    found = evaluation_in(source.body) if source is not None else None
    if found is not None:
        block_id, _block, value = found
        dates = {
            "available_from": _aware(value.get("available_from")),
            "available_until": _aware(value.get("available_until")),
        }
        course = source.course
        if course is not None and any(dates.values()):
            EvaluationWindow.objects.update_or_create(
                resource_key=translation_key,
                defaults={"course_key": course.translation_key, "evaluation_id": block_id, **dates},
            )
            return
    EvaluationWindow.objects.filter(resource_key=translation_key).delete()


def upcoming_deadlines(user, now=None, limit=10):
    """Evaluations of ``user``'s courses (enrolled, not auditing) that close in the future
    and that they have not passed yet, soonest first (``limit`` None: all of them). One query."""
    now = now or timezone.now()
    courses = Enrollment.objects.filter(user=user).exclude(source=Enrollment.Source.AUDIT).values("course_key")
    passed = Attempt.objects.filter(user=user, passed=True).values("resource_key")
    return list(
        EvaluationWindow.objects.filter(course_key__in=courses, available_until__gt=now)
        .exclude(resource_key__in=passed)
        .order_by("available_until", "pk")[:limit]
    )
