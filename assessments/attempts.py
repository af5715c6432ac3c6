"""Taking an evaluation: start, autosave, submit, grade, and close expired attempts.

The rules:
- only students the access rule lets open the resource and who are enrolled (never
  auditors) start attempts; ``max_attempts`` holds under concurrency (the enrollment row
  is locked while an attempt is numbered, and numbers are unique per evaluation);
- the answer key, points and settings come from the SOURCE resource's published
  revision; the attempt stores them in its snapshot, so later edits change nothing;
- answers arriving after the deadline are ignored; an expired attempt is graded as of
  its deadline when it is next read, or by the ``grade_expired_attempts`` schedule;
- passing completes the resource through ``courses.learning.progress.mark_complete``.
"""

import random
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, When
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.time_zones import local_datetime
from courses.access import check_access
from courses.exceptions import ProgressError
from courses.learning.enrollment import enrollment_for
from courses.learning.progress import mark_complete
from courses.models import Enrollment, ResourcePage

from . import grading
from .blocks import ShowAnswers
from .exceptions import AnswersRefused, AssessmentError, TakingRefused
from .models import Answer, Attempt, AttemptStatus, ExtraAttemptRequest

EVALUATION_BLOCK = "evaluation"
_random = random.SystemRandom()


# --- The evaluation of a resource -------------------------------------------------------


def evaluation_in(body):
    """``(block_id, block, value)`` of the evaluation in a resource body, or None."""
    for child in body or []:
        if child.block_type == EVALUATION_BLOCK:
            return child.id, child.block, child.value
    return None


def source_resource(resource):
    """The language version translations are made from (wagtail-localize's source), live."""
    from wagtail_localize.models import TranslationSource

    versions = ResourcePage.objects.live().filter(translation_key=resource.translation_key)
    source = TranslationSource.objects.filter(object_id=resource.translation_key).select_related("locale").first()
    if source is not None:
        page = versions.filter(locale=source.locale).first()
        if page is not None:
            return page
    return versions.filter(pk=resource.pk).first() or versions.order_by("pk").first()


@dataclass
class Evaluation:
    """An evaluation as published: the source's key and settings, the texts of ``shown``."""

    resource: ResourcePage  # the source language version
    block_id: str
    block: object
    value: object  # the source's value
    shown: object  # the value in the language being shown (may be the source's)

    @property
    def settings(self):
        return self.block.settings_of(self.value)

    @property
    def title(self):
        return self.shown["title"]

    @property
    def instructions(self):
        return self.shown["instructions"]

    def pool(self):
        return self.block.questions_of(self.value, self.shown)


def published_evaluation(resource):
    """The published evaluation of ``resource``, graded by its source's key; or None.
    A resource without an evaluation block costs no query (language versions share blocks)."""
    if evaluation_in(resource.body) is None:
        return None
    source = source_resource(resource)
    found = evaluation_in(source.body) if source else None
    if found is None:
        return None
    block_id, block, value = found
    shown = value
    if resource.pk != source.pk:
        translated = evaluation_in(resource.body)
        if translated is not None and translated[0] == block_id:
            shown = translated[2]
    return Evaluation(source, block_id, block, value, shown)


# --- What the student may do ------------------------------------------------------------


def _attempts(user, resource_key, block_id):
    return Attempt.objects.filter(user=user, resource_key=resource_key, evaluation_id=block_id)


def attempts_allowed(evaluation, user=None, resource_key=None, approved=None):
    """How many attempts ``user`` has at ``evaluation``: its maximum plus the extra attempts
    an instructor granted (``approved``, when the caller counted them). None: unlimited."""
    allowed = evaluation.settings["max_attempts"]
    if not allowed:
        return None
    if approved is not None:
        allowed += approved
    elif user is not None and user.is_authenticated:
        allowed += ExtraAttemptRequest.objects.filter(
            user=user, resource_key=resource_key, evaluation_id=evaluation.block_id,
            status=ExtraAttemptRequest.Status.APPROVED,
        ).count()  # fmt: skip
    return allowed


def availability_refusal(evaluation, now=None):
    now = now or timezone.now()
    settings = evaluation.value
    if settings.get("available_from") and now < settings["available_from"]:
        return _("This evaluation opens on %(date)s.") % {"date": local_datetime(settings["available_from"])}
    if settings.get("available_until") and now >= settings["available_until"]:
        return _("This evaluation closed on %(date)s.") % {"date": local_datetime(settings["available_until"])}
    return None


def taking_refusal(user, resource):
    """Why ``user`` may not take the evaluation on ``resource`` now — start an attempt,
    answer or submit one (a translatable message), or None. The access rule decides, and
    only enrolled students (never auditors) take evaluations."""
    decision = check_access(user, resource)
    if not decision.allowed:
        return decision.message or _("You cannot open this resource.")
    enrollment = enrollment_for(user, resource.course)
    if enrollment is None:
        return _("Enroll in this course to take its evaluation.")
    if enrollment.is_audit:
        return _("Graded work is not part of auditing. Buy the course to take it.")
    return None


_UNCOUNTED = object()


def start_refusal(user, resource, evaluation, used, allowed=_UNCOUNTED):
    """Why ``user`` may not start an attempt now (a translatable message), or None.
    ``allowed``: ``attempts_allowed``, when the caller has it."""
    refusal = taking_refusal(user, resource)
    if refusal:
        return refusal
    if allowed is _UNCOUNTED:
        allowed = attempts_allowed(evaluation, user, resource.translation_key)
    if allowed is not None and used >= allowed:
        return _("You have used all %(count)s attempts.") % {"count": allowed}
    return availability_refusal(evaluation)


@dataclass
class EvaluationState:
    """What the resource page shows about the evaluation to this student."""

    evaluation: Evaluation
    attempts: list = field(default_factory=list)
    open_attempt: Attempt | None = None
    refusal: str | None = None
    allowed: int | None = None  # attempts allowed, extra attempts included (None: unlimited)
    extra_request: object = None  # the student's latest ExtraAttemptRequest

    @property
    def can_start(self):
        return self.refusal is None

    @property
    def graded(self):
        return [a for a in self.attempts if a.status == AttemptStatus.GRADED]

    @property
    def best(self):
        return max(self.graded, key=lambda a: (a.score, -a.pk), default=None)

    @property
    def passed(self):
        return any(a.passed for a in self.attempts)

    @property
    def attempts_left(self):
        return None if self.allowed is None else max(0, self.allowed - len(self.attempts))

    @property
    def may_ask_for_more(self):
        """Every attempt used, none open, and no request waiting for an answer."""
        waiting = self.extra_request is not None and self.extra_request.status == "pending"
        return self.attempts_left == 0 and self.open_attempt is None and not waiting and self.passed is False


def evaluation_state(user, resource):
    """The evaluation on ``resource`` as ``user`` sees it (expired attempts graded first)."""
    evaluation = published_evaluation(resource)
    if evaluation is None:
        return None
    if not user.is_authenticated:
        return EvaluationState(evaluation, refusal=_("Log in to take this evaluation."))
    attempts = list(_attempts(user, resource.translation_key, evaluation.block_id))
    expired = [attempt for attempt in attempts if is_expired(attempt)]
    for attempt in expired:
        _close(attempt, at=attempt.deadline)
    if expired:
        attempts = list(_attempts(user, resource.translation_key, evaluation.block_id))
    open_attempt = next((a for a in attempts if a.is_open), None)
    requests = list(
        ExtraAttemptRequest.objects.filter(
            user=user, resource_key=resource.translation_key, evaluation_id=evaluation.block_id
        )
    )  # newest first
    approved = sum(1 for request in requests if request.status == ExtraAttemptRequest.Status.APPROVED)
    allowed = attempts_allowed(evaluation, approved=approved)
    refusal = None if open_attempt else start_refusal(user, resource, evaluation, len(attempts), allowed)
    extra_request = requests[0] if requests else None
    return EvaluationState(evaluation, attempts, open_attempt, refusal, allowed, extra_request)


# --- Starting ---------------------------------------------------------------------------


def _decimal_separator(language):
    with translation.override(language):
        return formats.get_format("DECIMAL_SEPARATOR", lang=language)


def build_snapshot(evaluation, language):
    settings = evaluation.settings
    questions = evaluation.pool()
    if settings["questions_per_attempt"] and settings["questions_per_attempt"] < len(questions):
        drawn = {q["id"] for q in _random.sample(questions, settings["questions_per_attempt"])}
        questions = [q for q in questions if q["id"] in drawn]
    if settings["shuffle_questions"]:
        _random.shuffle(questions)
    if settings["shuffle_choices"]:
        for question in questions:
            if "choices" in question:
                _random.shuffle(question["choices"])
    return {
        "resource_key": str(evaluation.resource.translation_key),
        "evaluation_id": evaluation.block_id,
        "revision_id": evaluation.resource.live_revision_id,
        "title": evaluation.title,
        "settings": settings,
        "decimal_separator": _decimal_separator(language),
        "questions": questions,
    }


def start_attempt(user, resource, language=None):
    """Start an attempt (or return the open one: a student has one at a time)."""
    evaluation = published_evaluation(resource)
    if evaluation is None:
        raise AssessmentError(_("This resource has no evaluation."))
    language = language or translation.get_language() or ""
    attempts = _attempts(user, resource.translation_key, evaluation.block_id)
    close_expired_attempts(attempts)
    enrollment = enrollment_for(user, resource.course)
    with transaction.atomic():
        if enrollment is not None:  # one start at a time per student and course
            Enrollment.objects.select_for_update().filter(pk=enrollment.pk).first()
        open_attempt = attempts.filter(status=AttemptStatus.IN_PROGRESS).first()
        if open_attempt is not None:
            return open_attempt
        used = attempts.count()
        refusal = start_refusal(user, resource, evaluation, used)
        if refusal:
            raise AssessmentError(refusal)
        snapshot = build_snapshot(evaluation, language)
        now = timezone.now()
        deadline = None
        if evaluation.settings["time_limit"]:
            deadline = now + timedelta(minutes=evaluation.settings["time_limit"])
        until = evaluation.value.get("available_until")
        if until and (deadline is None or until < deadline):
            deadline = until
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    user=user,
                    course_key=resource.course.translation_key,
                    resource_key=resource.translation_key,
                    evaluation_id=evaluation.block_id,
                    number=used + 1,
                    language=language,
                    deadline=deadline,
                    max_score=sum((Decimal(q["points"]) for q in snapshot["questions"]), Decimal(0)),
                    snapshot=snapshot,
                )
        except IntegrityError:  # a simultaneous start won the race
            raise AssessmentError(_("An attempt was just started: reload the page.")) from None


# --- Answering --------------------------------------------------------------------------


def _own_attempt(user, attempt_id, lock=False):
    attempts = Attempt.objects.filter(user=user) if user.is_authenticated else Attempt.objects.none()
    if lock:
        attempts = attempts.select_for_update()
    attempt = attempts.filter(pk=attempt_id).first() if str(attempt_id).isdigit() else None
    if attempt is None:
        raise AssessmentError(_("This attempt does not exist."))
    return attempt


def is_expired(attempt, now=None):
    return attempt.is_open and attempt.deadline is not None and (now or timezone.now()) >= attempt.deadline


def question_of(attempt, question_id):
    question = next((q for q in attempt.questions if q["id"] == question_id), None)
    if question is None:
        raise AssessmentError(_("This question is not part of your attempt."))
    return question


def _clean(attempt, question_id, response):
    question = question_of(attempt, question_id)
    return grading.clean_response(question, response, attempt.snapshot.get("decimal_separator", "."))


def resource_of(attempt):
    """A live language version of ``attempt``'s resource (its own language first), or None.
    One query; the body is not read."""
    own_language = Case(When(locale__language_code=attempt.language, then=0), default=1)
    versions = ResourcePage.objects.live().filter(translation_key=attempt.resource_key).defer_streamfields()
    return versions.order_by(own_language, "pk").first()


def check_may_answer(user, attempt, resource=None):
    """Answers are saved and attempts submitted only while the access rule still lets the
    student take the evaluation: an enrollment ended (refund, removal, leaving) or a resource
    unpublished since the start refuses them, and nothing changes. Returns the resource
    (``resource``: the attempt's, when the caller already has it)."""
    resource = resource or resource_of(attempt)
    if resource is None:
        raise TakingRefused(_("This evaluation is no longer available: answers are no longer saved."))
    refusal = taking_refusal(user, resource)
    if refusal:
        raise TakingRefused(
            _("You can no longer take this evaluation: answers are no longer saved. %(reason)s") % {"reason": refusal}
        )
    return resource


def _check_open(attempt):
    if is_expired(attempt):
        _close(attempt, at=attempt.deadline)
        raise AssessmentError(_("Time is up: answers sent after the deadline are not saved."))
    if not attempt.is_open:
        raise AssessmentError(_("This attempt is already submitted."))


def save_answer(user, attempt_id, question_id, response):
    """Autosave one answer of ``user``'s open attempt."""
    with transaction.atomic():  # the attempt is locked: a submission waits for this answer
        attempt = _own_attempt(user, attempt_id, lock=True)
        if not is_expired(attempt):
            if not attempt.is_open:
                raise AssessmentError(_("This attempt is already submitted."))
            check_may_answer(user, attempt)
            _store_answers(attempt, {question_id: _clean(attempt, question_id, response)})
            return attempt
    _check_open(attempt)  # expired: graded as of its deadline, and the answer refused
    return attempt


def _store_answers(attempt, responses):
    """Insert or update the answers ``{question id: response}`` of an open attempt: one
    query (an upsert on the one-answer-per-question constraint). MariaDB/MySQL name no
    conflict target (``ON DUPLICATE KEY UPDATE`` covers every unique key); the answer's
    only other one is its new primary key, so the upsert is the same there."""
    now = timezone.now()
    target = {"unique_fields": ["attempt", "question_id"]}
    Answer.objects.bulk_create(
        [
            Answer(attempt=attempt, question_id=qid, response=response, updated_at=now)
            for qid, response in responses.items()
        ],
        update_conflicts=True,
        update_fields=["response", "updated_at"],
        **(target if connection.features.supports_update_conflicts_with_target else {}),
    )


def responses_of(attempt):
    return dict(attempt.answers.values_list("question_id", "response"))


def _clean_all(attempt, responses):
    """Every response cleaned, or ``AnswersRefused`` naming each refused question (so the
    page shows every error at once, not the first)."""
    cleaned, errors = {}, {}
    for question_id, response in responses.items():
        try:
            cleaned[question_id] = _clean(attempt, question_id, response)
        except AssessmentError as error:
            errors[question_id] = error.message
    if errors:
        raise AnswersRefused(
            ngettext(
                "One answer could not be accepted: correct it and submit again.",
                "%(count)s answers could not be accepted: correct them and submit again.",
                len(errors),
            )
            % {"count": len(errors)},
            errors,
        )
    return cleaned


def submit_attempt(user, attempt_id, responses=None):
    """Submit ``user``'s attempt, first saving ``responses`` ({question id: response}, the
    plain form's answers; all valid or none saved: ``AnswersRefused`` lists every refused
    one). Idempotent: submitting a closed attempt
    changes nothing. Returns ``(attempt, submitted_now)``."""
    attempt = _own_attempt(user, attempt_id)
    if not attempt.is_open:
        return attempt, False
    if is_expired(attempt):
        return _close(attempt, at=attempt.deadline), True
    check_may_answer(user, attempt)
    cleaned = _clean_all(attempt, responses or {})
    with transaction.atomic():
        attempt = _own_attempt(user, attempt_id, lock=True)
        if not attempt.is_open:
            return attempt, False
        if cleaned:
            _store_answers(attempt, cleaned)
    return _close(attempt, at=timezone.now()), True


# --- Grading ----------------------------------------------------------------------------


def _close(attempt, at):
    """Grade and close an open attempt as of ``at`` (idempotent under concurrency)."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not attempt.is_open:
            return attempt
        answers = {answer.question_id: answer for answer in attempt.answers.all()}
        separator = attempt.snapshot.get("decimal_separator", ".")
        score, pending, unanswered = Decimal(0), False, []
        for question in attempt.questions:
            answer = answers.get(question["id"])
            if answer is None:
                answer = Answer(attempt=attempt, question_id=question["id"])
                unanswered.append(answer)
            result = grading.grade(question, answer.response, separator)
            answer.points, answer.correct = (None, None) if result.pending else (result.points, result.correct)
            score += result.points
            pending = pending or result.pending
        # Two queries whatever the number of questions: the answers given, then the others.
        Answer.objects.bulk_update(answers.values(), ["points", "correct"])
        Answer.objects.bulk_create(unanswered)
        attempt.submitted_at = min(at, attempt.deadline) if attempt.deadline else at
        _settle(attempt, score, pending)
        if pending:  # the course's instructors are told an essay waits (a digest)
            transaction.on_commit(lambda: _tell_graders(attempt.pk))
    return _after_settling(attempt)


def _tell_graders(attempt_id):
    from django_q.tasks import async_task

    async_task("assessments.notifications.send_essay_waiting", attempt_id)


def _settle(attempt, score, pending):
    """Record ``score``: pending review while an essay waits, else graded, passed or not."""
    attempt.score = score
    if pending:
        attempt.status, attempt.passed = AttemptStatus.PENDING_REVIEW, None
    else:
        attempt.status = AttemptStatus.GRADED
        attempt.passed = grading.passed(score, attempt.max_score, attempt.snapshot["settings"]["pass_mark"])
    attempt.save()


def _after_settling(attempt):
    if attempt.passed:
        _complete_resource(attempt)
    return attempt


def finish_review(attempt):
    """After an instructor graded an answer: the attempt's score, and its grade once no
    answer waits any more. Returns the attempt (locked and saved)."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        answers = list(attempt.answers.all())
        pending = any(answer.correct is None and answer.response for answer in answers)
        _settle(attempt, sum((answer.points or Decimal(0) for answer in answers), Decimal(0)), pending)
    return _after_settling(attempt)


def _complete_resource(attempt):
    resource = ResourcePage.objects.live().filter(translation_key=attempt.resource_key).first()
    if resource is None:
        return
    with suppress(ProgressError):  # no longer enrolled: the result stands, progress is not recorded
        mark_complete(attempt.user, source_resource(resource) or resource)


def close_attempt(attempt):
    """Grade an expired open attempt as of its deadline; returns the closed attempt."""
    return _close(attempt, at=attempt.deadline or timezone.now())


def close_expired_attempts(attempts=None, now=None):
    """Grade every open attempt past its deadline, as of its deadline. Returns how many."""
    now = now or timezone.now()
    attempts = Attempt.objects.all() if attempts is None else attempts
    expired = list(attempts.filter(status=AttemptStatus.IN_PROGRESS, deadline__lte=now))
    for attempt in expired:
        _close(attempt, at=attempt.deadline)
    return len(expired)


# --- Results ----------------------------------------------------------------------------


def may_show_answers(attempt, state=None):
    """Whether the correct answers and explanations of a closed ``attempt`` may be shown."""
    if attempt.is_open:
        return False
    rule = attempt.snapshot["settings"]["show_answers"]
    if rule == ShowAnswers.AFTER_EACH_ATTEMPT:
        return True
    if rule == ShowAnswers.AFTER_PASSING:
        return bool(attempt.passed or (state and state.passed))
    if rule == ShowAnswers.AFTER_LAST_ATTEMPT:  # none left, extra attempts granted included
        allowed = attempt.snapshot["settings"]["max_attempts"]
        if not allowed:
            return False
        allowed += ExtraAttemptRequest.objects.filter(
            user=attempt.user, resource_key=attempt.resource_key, evaluation_id=attempt.evaluation_id,
            status=ExtraAttemptRequest.Status.APPROVED,
        ).count()  # fmt: skip
        used = _attempts(attempt.user, attempt.resource_key, attempt.evaluation_id).count()
        return used >= allowed
    return False


def own_attempt(user, attempt_id):
    """``user``'s attempt (graded first if it expired), or AssessmentError."""
    attempt = _own_attempt(user, attempt_id)
    if is_expired(attempt):
        attempt = _close(attempt, at=attempt.deadline)
    return attempt


def seconds_left(attempt, now=None):
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - (now or timezone.now())).total_seconds()))


def questions_shown(attempt, reveal=False, typed=None, errors=None):
    """The attempt's questions as the page shows them, in snapshot order, with the student's
    responses. The answer key is only included (``reveal``) after grading. A refused
    submission shows what was ``typed`` ({question id: value}, every question) instead of
    what is stored, and each question's error (``errors``)."""
    reveal = reveal and not attempt.is_open
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    errors = errors or {}
    shown = []
    for number, question in enumerate(attempt.questions, start=1):
        answer = answers.get(question["id"])
        response = answer.response if answer else None
        if typed is not None:
            response = typed.get(question["id"])
        chosen = set(response if isinstance(response, list) else [response])
        item = {
            "number": number,
            "id": question["id"],
            "type": question["type"],
            "text": question["text"],
            "points": question["points"],
            "response": response,
            "choices": [{**choice, "chosen": choice["id"] in chosen} for choice in question.get("choices", [])],
            "error": errors.get(question["id"], ""),
        }
        if not attempt.is_open and answer is not None:
            item.update(earned=answer.points, correct=answer.correct, feedback=answer.feedback)
        if reveal:
            correct = set(question["key"].get("correct", []))
            for choice in item["choices"]:
                choice["correct"] = choice["id"] in correct
            item.update(explanation=question.get("explanation", ""), key=question["key"])
            if question["type"] == "numeric":  # as typed by the author: 3.14 ± 0.01, not 3.140000
                item.update(value=_plain(question["key"]["value"]), tolerance=_plain(question["key"]["tolerance"]))
        shown.append(item)
    return shown


def _plain(number):
    """A stored decimal without trailing zeros (``Decimal("10.000000")`` → ``10``), which the
    template shows with the language's decimal separator."""
    number = Decimal(number).normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
