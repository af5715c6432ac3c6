"""Student actions on a course: enroll, audit, leave, complete a resource, report
playback, review. Each is one POST; the rules live in enrollment.py, progress.py and
reviews.py, and every refusal is a message that changes nothing."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.private_responses import private_response

from ..access import check_access
from ..learning import enrollment, progress, reviews
from ..models import CoursePage, ResourcePage


def _back(request, default):
    """Where to go after a POST: a safe ``next`` path from the form, else ``default``.
    Only a path on this site counts: anything else (a URL name, another host) is ignored."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect(default)


def _live_page(model, page_id):
    page = model.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such page")
    return page


def _course_for(request, page_id):
    course = _live_page(CoursePage, page_id)
    if not check_access(request.user, course).allowed:
        raise Http404("No such course")
    return course


@require_POST
@login_required
def enroll(request, page_id):
    course = _course_for(request, page_id)
    mode = request.POST.get("mode", "free")
    source = {"free": enrollment.Source.FREE, "audit": enrollment.Source.AUDIT}.get(mode)
    if source is None:
        messages.error(request, _("Unknown enrollment mode."))
        return redirect(course.url)
    try:
        _enrollment, created = enrollment.enroll(request.user, course, source)
    except enrollment.EnrollmentError as error:
        messages.error(request, error.message)
        return redirect(course.url)
    if created:
        if source == enrollment.Source.AUDIT:
            messages.success(
                request, _("You are auditing this course: graded work and the certificate are not included.")
            )
        else:
            messages.success(request, _("You are enrolled. Enjoy the course!"))
    else:
        messages.info(request, _("You are already enrolled in this course."))
    return _back(request, course.url)


@require_POST
@login_required
def leave(request, page_id):
    course = _course_for(request, page_id)
    try:
        enrollment.leave(request.user, course)
    except enrollment.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left the course. Your progress is kept if you come back."))
    return redirect(course.url)


@require_POST
@login_required
def complete(request, page_id):
    """A form post (redirects with a message) or, from courses/js/completion.js, a fetch
    asking for JSON: the new progress, so the page updates without a reload."""
    resource = _live_page(ResourcePage, page_id)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        course_progress = progress.mark_complete_by_button(request.user, resource)
    except progress.ProgressError as error:
        if wants_json:
            return JsonResponse({"error": str(error.message)}, status=400)
        messages.error(request, error.message)
        return redirect(resource.course.url if resource.course else resource.url)
    course = resource.course
    if wants_json:
        return JsonResponse(progress_report(course, course_progress))
    if course_progress.is_complete:
        messages.success(request, _("Course completed. Congratulations!"))
        return redirect("course_completed", course.pk)
    messages.success(request, _("Marked as complete."))
    following = course_progress.next_resource
    return redirect(following.url if following is not None else resource.url)


def progress_report(course, course_progress):
    """The JSON the learning pages' scripts use to update progress bars and outline ticks."""
    report = {
        "completed": True,
        "percent": course_progress.percent,
        "summary": _("%(met)s of %(total)s requirements met")
        % {"met": course_progress.met, "total": course_progress.total},
        "completed_keys": sorted(str(key) for key in course_progress.completed_keys),
        "course_completed": course_progress.is_complete,
        "done_note": _("completed"),
    }
    if course_progress.is_complete:
        report["completion_url"] = reverse("course_completed", args=[course.pk])
    return report


@login_required
@private_response  # the student's own page: their certificate, review and suggestions
def completed(request, page_id):
    """The course's completion page: congratulations, a review prompt, what other apps
    offer (e.g. the certificate) and suggested next courses. Not completed yet: the course."""
    from ..learning.completion import completion_context

    course = _course_for(request, page_id)
    context = completion_context(request, course)
    if context is None:
        return redirect(course.url)
    return render(request, "courses/course_completed.html", context)


@require_POST
@login_required
def playback(request, page_id):
    """JSON in: {"position": s, "watched": s since last report}; anything else the player
    sends (its idea of the duration) is ignored: the duration is the stored media's."""
    resource = _live_page(ResourcePage, page_id)
    report = _playback_report(request.body)
    if report is None:
        return JsonResponse({"error": _("Invalid playback report.")}, status=400)
    try:
        state, course_progress = progress.record_playback(request.user, resource, *report)
    except progress.ProgressError as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    body = {"position": state.position, "watched": state.watched, "completed": course_progress is not None}
    if course_progress is not None:
        body.update(progress_report(resource.course, course_progress))
    return JsonResponse(body)


MAX_REPORT_BYTES = 1024  # a report is a few dozen bytes; nothing bigger is parsed
MAX_SECONDS = 10**7


def _playback_report(body):
    """``(position, watched)`` as finite floats, or None for anything else: not JSON, too
    big or too deep, missing keys, booleans, strings, huge or non-finite numbers."""
    if len(body) > MAX_REPORT_BYTES:
        return None
    try:
        data = json.loads(body or b"{}")
        values = [data["position"], data["watched"]]
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if not -MAX_SECONDS < value < MAX_SECONDS:  # also refuses NaN
            return None
    return tuple(float(value) for value in values)


@require_POST
@login_required
def review(request, page_id):
    course = _course_for(request, page_id)
    form = reviews.ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(course.url + "#reviews")
    try:
        _review, created = reviews.save_review(request.user, course, **form.cleaned_data)
    except reviews.ReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you for your review.") if created else _("Your review has been updated."))
    return redirect(course.url + "#reviews")
