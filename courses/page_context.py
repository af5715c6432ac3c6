"""What course, section and resource pages put in their template context: the outline,
the access decision, the learner's progress, the call to action's rules, and what other
apps add through the ``register_course_page_context`` hook (courses/hooks.py)."""

from django.utils.functional import SimpleLazyObject

from .access import check_access, lock_message, outline_lock
from .blocks import SPEEDS
from .duration import course_duration
from .hooks import Place, contributed_actions, contributed_context
from .learning.enrollment import can_be_audited, can_leave, student_count
from .learning.progress import learner_context
from .learning.reviews import review_context
from .outline import Outline, course_outline

INSTRUCTOR_PHOTO = "fill-128x128"


def _is_preview(request):
    return bool(getattr(request, "is_preview", False))


def _decision(page, request):
    decision = getattr(request, "course_access", None)
    if decision is None or _is_preview(request):
        decision = check_access(request.user, page)
    return decision


def _page_context(page, request, course, **context):
    lock = outline_lock(request.user, course)
    context = {
        "course": course,
        "access": _decision(page, request),
        "outline_locked": bool(lock),
        "outline_lock": lock,
        "outline_lock_message": lock_message(lock, course),
        **context,
    }
    return {**context, **contributed_context(page, request, context)}


def course_instructors(course):
    """The course's instructors with their photo's rendition: a fixed number of queries, once
    per course instance (the landing and the page's metadata both show them)."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    if "_aula_instructors" not in course.__dict__:
        photos = get_image_model().objects.prefetch_renditions(INSTRUCTOR_PHOTO)
        found = list(course.instructors.prefetch_related(Prefetch("photo", queryset=photos)))
        course.__dict__["_aula_instructors"] = found
    return course.__dict__["_aula_instructors"]


def course_facts(course, outline, request):
    """The landing page's facts: students, last update, the one duration."""
    return {
        "students": student_count(course, request),
        "updated": course.last_published_at or course.latest_revision_created_at,
        "duration": course_duration(course, outline.seconds),
    }


def call_to_action(course, request, decision, enrollment):
    """What the course page's call to action offers, decided by the services."""
    return {
        "can_audit": enrollment is None and can_be_audited(course),
        "can_leave": can_leave(enrollment),
        "is_staff": decision.is_staff,
        "actions": contributed_actions(course, request, decision, Place.CALL_TO_ACTION),
    }


def course_page_context(course, request):
    outline = course_outline(course, request, include_drafts=_is_preview(request))
    learner = learner_context(request, course, outline)
    decision = _decision(course, request)
    return _page_context(
        course,
        request,
        course,
        outline=outline,
        instructors=SimpleLazyObject(lambda: course_instructors(course)),  # read once, by {% shared %}
        facts=course_facts(course, outline, request),
        catalog_link=_parent_link(course, request),
        intro_tracks=_intro_tracks(course, request),
        first_resource=next(iter(outline.resources), None),
        speeds=SPEEDS,
        call_to_action=call_to_action(course, request, decision, learner["enrollment"]),
        **learner,
        **review_context(request, course),
    )


def _intro_tracks(course, request):
    """The intro video's caption tracks, as the player takes them (the page's language first)."""
    if not course.intro_video_id:
        return []
    from . import cached
    from .captions import player_tracks

    def read():
        return list(course.intro_captions.all())

    captions = read() if _is_preview(request) else cached.intro_captions(course, read)
    return player_tracks({"captions": captions}, course)


def _parent_link(page, request):
    """``{"title", "url"}`` of the page's parent (the catalog, for a course's breadcrumb),
    from the top of the tree the frame has read (``caching.top_pages``) when it is there."""
    from caching.shared import shared_fragment
    from caching.top_pages import top_page

    def read():
        parent = top_page(request, page.path[: -page.steplen]) or page.get_parent()
        return {"title": parent.title, "url": parent.get_url(request) or ""}

    return shared_fragment(request, f"parent-link:{page.pk}", read)


def section_page_context(section, request):
    course = section.course
    outline = course_outline(course, request, include_drafts=_is_preview(request))
    return _page_context(
        section,
        request,
        course,
        outline=outline,
        section_outline=Outline([s for s in outline.sections if s.pk == section.pk]),
        **learner_context(request, course, outline),
    )


def resource_page_context(resource, request):
    course = resource.course
    outline = course_outline(course, request, include_drafts=_is_preview(request))
    previous, following = outline.neighbours(resource)
    return _page_context(
        resource,
        request,
        course,
        outline=outline,
        section=outline.section_of(resource),
        previous_resource=previous,
        next_resource=following,
        **learner_context(request, course, outline, resource),
    )
