"""Progress and completion, as DESIGN.md defines them.

Requirements are the required resources plus one per alternative group (any member
completes the group); optional resources never count. A course with no requirement
counts every resource. Resources added later count for everyone. A resource with an
evaluation completes when the evaluation is passed (the assessments app records that
completion). Progress % = requirements met / requirements.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enrollment import enrollment_for, touch
from .models import Completion, Enrollment, PlaybackPosition
from .models.pages import Requirement
from .outline import course_outline

# Sent once per (student, course) when the last requirement is met:
# sender=Enrollment, enrollment=..., user=..., course=...
course_completed = Signal()

# Resource kinds a student completes by pressing "Mark as complete"; video and audio
# complete by being watched.
BUTTON_KINDS = {"text", "pdf", "file", "link", "embed"}
PLAYBACK_KINDS = {"video", "audio"}
MAX_PLAYBACK_SPEED = 2  # the fastest speed the player offers (courses.blocks.SPEEDS)


class ProgressError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class CourseRequirement:
    """One thing to do: a resource, or an alternative group of resources."""

    resources: list

    @property
    def first(self):
        return self.resources[0]


@dataclass
class CourseProgress:
    requirements: list
    completed_keys: set

    def is_met(self, requirement):
        return any(r.translation_key in self.completed_keys for r in requirement.resources)

    @property
    def met(self):
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
    return set(Completion.objects.filter(user=user, course_key=course_key).values_list("resource_key", flat=True))


def course_progress(user, course, outline=None):
    outline = outline or course_outline(course)
    return CourseProgress(requirements_of(outline.resources), completed_keys(user, course.translation_key))


def _enrollment_or_error(user, resource):
    course = resource.course
    enrollment = enrollment_for(user, course) if course else None
    if enrollment is None:
        raise ProgressError(_("Enroll in this course to record your progress."))
    from .access import check_access

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
    if resource.kind in PLAYBACK_KINDS:
        raise ProgressError(_("Video and audio resources complete when you have watched them."))
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
            enrollment.refresh_from_db()
            course_completed.send(sender=Enrollment, enrollment=enrollment, user=user, course=course)
    return progress


def playback_media(resource):
    """The video or audio a playback resource plays (its first one)."""
    for block in resource.body:
        if block.block_type in PLAYBACK_KINDS:
            return block.value.get(block.block_type)
    return None


def record_playback(user, resource, position, watched_delta):
    """The player reports every few seconds where it is and how many seconds were played
    since its last report. The duration is the stored media's, never the browser's, and
    watched time cannot outrun the server's clock (at the player's fastest speed): per
    report, and in total since the first report (which itself counts for nothing).
    Returns ``(PlaybackPosition, CourseProgress or None)``."""
    if resource.kind not in PLAYBACK_KINDS:
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
    progress = CourseProgress(requirements_of(outline.resources), completed_keys(user, course.translation_key))
    context["progress"] = progress
    if resource is not None:
        context.update(
            resource_done=progress.is_done(resource),
            completion_mode="playback" if resource.kind in PLAYBACK_KINDS else "button",
            resume_at=resume_position(user, resource) if resource.kind in PLAYBACK_KINDS else 0,
        )
    return context
