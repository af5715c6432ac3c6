"""Taking an evaluation: start (POST), the attempt page, autosave (fetch), submit (POST),
the result page. The rules live in attempts.py; every refusal is a message that changes
nothing, never a 500."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import ResourcePage

from . import attempts, extra_attempts, grading
from .exceptions import AnswersRefused, AssessmentError, TakingRefused
from .pending_review import pending_review

# What attempt.js says, translated here (the page hands them over with json_script).
JS_MESSAGES = [
    gettext_noop("%s minutes left"),
    gettext_noop("1 minute left"),
    gettext_noop("%s seconds left"),
    gettext_noop("Time is up. Your answers are being submitted."),
    gettext_noop("Saved."),
    gettext_noop("Not saved: check your connection. Your answer is sent again when you submit."),
    gettext_noop("Question %s has no answer. An unanswered question scores no points."),
    gettext_noop("%s questions have no answer: %s. An unanswered question scores no points."),
    gettext_noop("Error:"),
]
MAX_AUTOSAVE_BYTES = 256 * 1024  # an essay has at most 20,000 characters, escaped in JSON


def _resource(page_id):
    resource = ResourcePage.objects.live().filter(pk=page_id).first()
    if resource is None:
        raise Http404("No such resource")
    return resource


def _resource_of(attempt):
    return attempts.resource_of(attempt)


def _refused(request, error, resource):
    """The student may no longer take the evaluation: back to the resource page (which says
    why), or to the dashboard when the resource is gone."""
    messages.error(request, error.message)
    return redirect(resource.url if resource is not None else "dashboard")


@require_POST
@login_required
def start(request, page_id):
    resource = _resource(page_id)
    try:
        attempt = attempts.start_attempt(request.user, resource, request.LANGUAGE_CODE)
    except AssessmentError as error:
        messages.error(request, error.message)
        return redirect(resource.url)
    return redirect("assessment_attempt", attempt_id=attempt.pk)


def _own(request, attempt_id):
    try:
        return attempts.own_attempt(request.user, attempt_id)
    except AssessmentError as error:
        raise Http404(error.message) from None


@never_cache
@login_required
def attempt_page(request, attempt_id):
    attempt = _own(request, attempt_id)
    if not attempt.is_open:
        return redirect("assessment_result", attempt_id=attempt.pk)
    resource = _resource_of(attempt)
    try:
        attempts.check_may_answer(request.user, attempt, resource)
    except TakingRefused as error:
        return _refused(request, error, resource)
    return _attempt_page(request, attempt, resource)


def _attempt_page(request, attempt, resource, refused=None):
    """The attempt's form; after a refused submission (``AnswersRefused``), with what was
    typed, each error under its question and a summary linking to them."""
    typed = _form_responses(request, attempt, every=True) if refused else None
    questions = attempts.questions_shown(attempt, typed=typed, errors=refused.errors if refused else None)
    separator = attempt.snapshot.get("decimal_separator", ".")
    context = {
        "attempt": attempt,
        "resource": resource,
        "questions": questions,
        "refused": refused,
        "in_error": [question for question in questions if question["error"]],
        "number_hint": grading.number_format_hint(separator),
        "seconds_left": attempts.seconds_left(attempt),
        "time_left": _clock(attempts.seconds_left(attempt)),
        "js_messages": {text: _(text) for text in JS_MESSAGES},
    }
    return render(request, "assessments/attempt.html", context)


@require_POST
@login_required
def autosave(request, attempt_id):
    if len(request.body) > MAX_AUTOSAVE_BYTES:
        return JsonResponse({"error": _("This answer is too long.")}, status=400)
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": _("Invalid answer.")}, status=400)
    try:
        attempt = attempts.save_answer(request.user, attempt_id, str(data.get("question", "")), data.get("response"))
    except AssessmentError as error:
        return JsonResponse({"error": error.message}, status=400)
    return JsonResponse({"saved": True, "seconds_left": attempts.seconds_left(attempt)})


def _clock(seconds):
    """``h:mm:ss`` or ``m:ss``, as the countdown shows it (attempt.js)."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _form_responses(request, attempt, every=False):
    """The plain form's answers: fields named ``q-<question id>`` (``every``: the questions
    left blank too, as None: what the page showed)."""
    responses = {}
    for question in attempt.questions:
        name = f"q-{question['id']}"
        if name in request.POST:
            values = request.POST.getlist(name)
            responses[question["id"]] = values if question["type"] == "multiple_choice" else values[-1]
        elif every:
            responses[question["id"]] = None
    return responses


@require_POST
@login_required
def submit(request, attempt_id):
    attempt = _own(request, attempt_id)
    try:
        attempt, submitted = attempts.submit_attempt(request.user, attempt.pk, _form_responses(request, attempt))
    except TakingRefused as error:
        return _refused(request, error, _resource_of(attempt))
    except AnswersRefused as refused:  # every typed value kept, each error under its question
        return _attempt_page(request, attempt, _resource_of(attempt), refused)
    except AssessmentError as error:
        messages.error(request, error.message)
        return redirect("assessment_attempt", attempt_id=attempt.pk)
    if not submitted:
        messages.info(request, _("This attempt was already submitted."))
    return redirect("assessment_result", attempt_id=attempt.pk)


@never_cache
@login_required
def result(request, attempt_id):
    attempt = _own(request, attempt_id)
    if attempt.is_open:
        return redirect("assessment_attempt", attempt_id=attempt.pk)
    resource = _resource_of(attempt)
    state = attempts.evaluation_state(request.user, resource) if resource else None
    reveal = attempts.may_show_answers(attempt, state)
    questions = attempts.questions_shown(attempt, reveal=reveal)
    context = {
        "attempt": attempt,
        "resource": resource,
        "state": state,
        "reveal": reveal,
        "questions": questions,
        "waiting": pending_review(attempt, questions),
        "start_url": reverse("assessment_start", args=[resource.pk]) if resource else "",
    }
    return render(request, "assessments/result.html", context)


@require_POST
@login_required
def ask_for_another_attempt(request, page_id):
    resource = _resource(page_id)
    try:
        extra_attempts.request_extra_attempt(
            request.user, resource, request.POST.get("message", ""), request.LANGUAGE_CODE
        )
    except AssessmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is sent to the course's instructors."))
    return redirect(resource.url)
