"""Progress and completion.

Requirements are the required resources plus one per alternative group (any member
completes the group); optional resources never count. A course with no requirement
counts every resource. Resources added later count for everyone. A resource with an
evaluation completes when the evaluation is passed (the assessments app records that
completion). Progress % = requirements met / requirements.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caching.registry import renew_rows

from .. import cached
from ..blocks import MAX_PLAYBACK_SPEED, CompletionMode
from ..exceptions import ProgressError
from ..models import Completion, Enrollment, PlaybackPosition
from ..models.pages import Requirement
from ..outline import course_outline
from ..signals import course_completed
from .enrollment import enrollment_for, touch

# How each resource completes is declared by its body's blocks (courses/blocks.py).
BUTTON_REFUSALS = {
    CompletionMode.PLAYBACK: _("Video and audio resources complete when you have watched them."),
    CompletionMode.GRADED: _("This resource completes when you pass its evaluation."),
}


@dataclass
class CourseRequirement:
    """One thing to do: a resource, or an alternative group of resources."""

    resources: list

    @property
    def first(self):
        return self.resources[0]

    @cached_property
    def keys(self):
        """The resources' ``translation_key``s (worked out once: a shared outline keeps its
        requirements, Outline.requirements)."""
        return frozenset(r.translation_key for r in self.resources)


@dataclass
class CourseProgress:
    requirements: list
    completed_keys: set

    def is_met(self, requirement):
        return not self.completed_keys.isdisjoint(requirement.keys)

    @cached_property
    def met(self):
        """Counted once: percent, completeness and the templates all ask."""
        return sum(1 for requirement in self.requirements if self.is_met(requirement))

    @property
    def total(self):
        return len(self.requirements)

    @property
    def percent(self):
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.met == self.total

    @property
    def next_resource(self):
        """Where "Continue" goes: the first unmet requirement, in course order."""
        for requirement in self.requirements:
            if not self.is_met(requirement):
                return requirement.first
        return None

    def is_done(self, resource):
        return resource.translation_key in self.completed_keys


def requirements_of(resources):
    """Resources in course order → the list of requirements."""
    requirements, groups = [], {}
    for resource in resources:
        if resource.requirement == Requirement.REQUIRED:
            requirements.append(CourseRequirement([resource]))
        elif resource.requirement == Requirement.ALTERNATIVE:
            group = (resource.alternative_group or "").strip().lower()
            if group in groups:
                groups[group].resources.append(resource)
            else:
                groups[group] = CourseRequirement([resource])
                requirements.append(groups[group])
    if not requirements:
        requirements = [CourseRequirement([resource]) for resource in resources]
    return requirements


def completed_keys(user, course_key):
    if not user.is_authenticated:
        return set()
    return set(
        cached.completed_keys(
            user,
            course_key,
            lambda: frozenset(
                Completion.objects.filter(user=user, course_key=course_key).values_list("resource_key", flat=True)
            ),
        )
    )


def progress_from(outline, completed):
    """The one way to build a student's ``CourseProgress``: the requirements of the course's
    ``outline`` and the ``translation_key`` of every resource the student completed."""
    return CourseProgress(outline.requirements, set(completed))


def course_progress(user, course, outline=None):
    outline = outline or course_outline(course)
    return progress_from(outline, completed_keys(user, course.translation_key))


def _enrollment_or_error(user, resource):
    course = resource.course
    enrollment = enrollment_for(user, course) if course else None
    if enrollment is None:
        raise ProgressError(_("Enroll in this course to record your progress."))
    from ..access import check_access

    if not check_access(user, resource).allowed:
        raise ProgressError(_("You cannot open this resource."))
    return course, enrollment


def mark_complete(user, resource):
    """Record that ``user`` completed ``resource`` (idempotent); complete the course when
    that was the last requirement. Returns the course progress."""
    course, enrollment = _enrollment_or_error(user, resource)
    _record_completion(user, resource, course)
    touch(enrollment)
    return check_course_completion(user, course, enrollment)


def mark_complete_by_button(user, resource):
    refusal = BUTTON_REFUSALS.get(resource.completion_mode)
    if refusal:
        raise ProgressError(refusal)
    return mark_complete(user, resource)


def _record_completion(user, resource, course):
    try:
        with transaction.atomic():
            Completion.objects.create(
                user=user, resource_key=resource.translation_key, course_key=course.translation_key
            )
    except IntegrityError:  # already complete: nothing changes
        pass


def check_course_completion(user, course, enrollment):
    progress = course_progress(user, course)
    if progress.is_complete and enrollment.completed_at is None:
        updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if updated:  # only the request that set it sends the signal
            renew_rows(Enrollment, [enrollment])  # a queryset update: no save signal
            enrollment.refresh_from_db()
            course_completed.send(sender=Enrollment, enrollment=enrollment, user=user, course=course)
    return progress


def playback_media(resource):
    """The video or audio a playback resource plays: the first block that completes by
    playback holds it in its child named after its kind (``video``, ``audio``)."""
    for block in resource.body:
        meta = block.block.meta
        if getattr(meta, "completion", None) == CompletionMode.PLAYBACK:
            return block.value.get(meta.resource_kind)
    return None


def record_playback(user, resource, position, watched_delta):
    """The player reports every few seconds where it is and how many seconds were played
    since its last report. The duration is the stored media's, never the browser's, and
    watched time cannot outrun the server's clock (at the player's fastest speed): per
    report, and in total since the first report (which itself counts for nothing).
    Returns ``(PlaybackPosition, CourseProgress or None)``."""
    if resource.completion_mode != CompletionMode.PLAYBACK:
        raise ProgressError(_("This resource has no video or audio."))
    media = playback_media(resource)
    duration = media.duration if media is not None else 0
    if not duration or duration <= 0:
        raise ProgressError(_("This media has no known duration yet: progress cannot be recorded."))
    if position < 0 or position > duration + 1:
        raise ProgressError(_("The position is outside the media."))
    if watched_delta < 0 or watched_delta > 600:
        raise ProgressError(_("Invalid watched time."))
    course, enrollment = _enrollment_or_error(user, resource)
    now = timezone.now()
    with transaction.atomic():
        playback, created = PlaybackPosition.objects.select_for_update().get_or_create(
            user=user,
            resource_key=resource.translation_key,
            defaults={"course_key": course.translation_key, "duration": duration, "started_at": now},
        )
        if playback.started_at is None:  # a row from before started_at: as if watched at full speed
            playback.started_at = playback.updated_at - timedelta(seconds=playback.watched / MAX_PLAYBACK_SPEED)
        since_last = 0 if created else (now - playback.updated_at).total_seconds()
        since_start = (now - playback.started_at).total_seconds()
        credited = min(watched_delta, since_last * MAX_PLAYBACK_SPEED + 2)
        ceiling = max(playback.watched, since_start * MAX_PLAYBACK_SPEED)
        playback.watched = min(duration, playback.watched + credited, ceiling)
        playback.position = min(position, duration)
        playback.duration = duration
        playback.save()
    touch(enrollment)
    progress = None
    if playback.watched >= settings.AULA_PLAYBACK_COMPLETION_RATIO * duration:
        _record_completion(user, resource, course)
        progress = check_course_completion(user, course, enrollment)
    return playback, progress


def resume_position(user, resource):
    if not user.is_authenticated:
        return 0
    playback = PlaybackPosition.objects.filter(user=user, resource_key=resource.translation_key).first()
    if playback is None or playback.position >= playback.duration - 1:
        return 0  # finished: start again from the beginning
    return round(playback.position, 1)


def learner_context(request, course, outline, resource=None):
    """What the course and resource pages show a learner: their enrollment, progress,
    whether this resource is done and where its player resumes. Two queries."""
    user = request.user
    enrollment = enrollment_for(user, course)
    context = {"enrollment": enrollment, "progress": None}
    if enrollment is None:
        return context
    progress = progress_from(outline, completed_keys(user, course.translation_key))
    context["progress"] = progress
    if resource is not None:
        mode = resource.completion_mode
        context.update(
            resource_done=progress.is_done(resource),
            completion_mode=mode,
            resume_at=resume_position(user, resource) if mode == CompletionMode.PLAYBACK else 0,
        )
    return context
