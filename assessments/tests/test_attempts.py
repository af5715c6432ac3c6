"""attempts.py through the service: starting, autosaving, submitting, deadlines, completion."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments import attempts
from assessments.exceptions import AssessmentError
from assessments.models import Answer, Attempt, AttemptStatus
from assessments.tasks import grade_expired_attempts
from courses.learning.enrollment import Source, enroll
from courses.learning.progress import completed_keys
from courses.tests import factories as course_factories

from .factories import all_correct, essay, every_question_type

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("courses_built_once")


def answer_all(user, attempt, responses):
    for question_id, response in responses.items():
        attempts.save_answer(user, attempt.pk, question_id, response)


def test_starting_snapshots_questions_points_and_key(enrolled, quiz):
    attempt = attempts.start_attempt(enrolled, quiz, "en")
    assert attempt.number == 1 and attempt.status == AttemptStatus.IN_PROGRESS
    assert [q["id"] for q in attempt.questions] == ["single", "multi", "tf", "short", "num"]
    assert attempt.max_score == Decimal("6")
    assert attempt.snapshot["questions"][0]["key"] == {"correct": ["single-right"]}
    assert attempt.resource_key == quiz.translation_key


def test_starting_again_resumes_the_open_attempt(enrolled, quiz):
    first = attempts.start_attempt(enrolled, quiz)
    assert attempts.start_attempt(enrolled, quiz).pk == first.pk
    assert Attempt.objects.count() == 1


def test_all_correct_answers_pass_and_complete_the_resource(enrolled, quiz, free_course):
    attempt = attempts.start_attempt(enrolled, quiz, "en")
    answer_all(enrolled, attempt, all_correct())
    attempt, submitted = attempts.submit_attempt(enrolled, attempt.pk)
    assert submitted and attempt.status == AttemptStatus.GRADED
    assert attempt.score == Decimal("6.00") and attempt.passed is True
    assert quiz.translation_key in completed_keys(enrolled, free_course.translation_key)


def test_a_failed_attempt_does_not_complete_the_resource(enrolled, quiz, free_course):
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.save_answer(enrolled, attempt.pk, "single", "single-wrong")
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.passed is False and attempt.score == Decimal("0.00")
    assert completed_keys(enrolled, free_course.translation_key) == set()


def test_submitting_twice_changes_nothing(enrolled, quiz):
    attempt = attempts.start_attempt(enrolled, quiz)
    first, submitted = attempts.submit_attempt(enrolled, attempt.pk, {"single": "single-right"})
    again, submitted_again = attempts.submit_attempt(enrolled, attempt.pk, {"single": "single-wrong"})
    assert submitted and not submitted_again
    assert again.score == first.score and again.submitted_at == first.submitted_at
    assert Answer.objects.get(attempt=attempt, question_id="single").response == "single-right"


def test_max_attempts_hold(enrolled, quiz):
    for _ in range(2):
        attempt = attempts.start_attempt(enrolled, quiz)
        attempts.submit_attempt(enrolled, attempt.pk)
    with pytest.raises(AssessmentError, match="all 2 attempts"):
        attempts.start_attempt(enrolled, quiz)
    assert Attempt.objects.count() == 2


def test_auditors_and_strangers_cannot_start(student, paid_course, quiz):
    section = paid_course.get_children().first()
    from .factories import evaluation_resource

    paid_quiz = evaluation_resource(section)
    paid_course.audit_allowed = True
    course_factories.publish(paid_course)
    enroll(student, paid_course, Source.AUDIT)
    with pytest.raises(AssessmentError, match="auditing"):
        attempts.start_attempt(student, paid_quiz)
    with pytest.raises(AssessmentError, match="enroll"):
        attempts.start_attempt(student, quiz)  # the free course: not enrolled
    assert Attempt.objects.count() == 0


def test_answer_to_a_question_not_in_the_attempt_is_refused(enrolled, quiz):
    attempt = attempts.start_attempt(enrolled, quiz)
    with pytest.raises(AssessmentError, match="not part of your attempt"):
        attempts.save_answer(enrolled, attempt.pk, "nope", "x")
    with pytest.raises(AssessmentError, match="not one of this question"):
        attempts.save_answer(enrolled, attempt.pk, "single", "multi-2")  # another question's choice
    assert not Answer.objects.exists()


def test_answer_to_another_students_attempt_is_refused(enrolled, quiz, free_course):
    attempt = attempts.start_attempt(enrolled, quiz)
    other = course_factories.UserFactory()
    enroll(other, free_course, Source.FREE)
    with pytest.raises(AssessmentError, match="does not exist"):
        attempts.save_answer(other, attempt.pk, "single", "single-right")
    with pytest.raises(AssessmentError, match="does not exist"):
        attempts.submit_attempt(other, attempt.pk)
    assert not Answer.objects.exists() and Attempt.objects.get().is_open


def test_answers_after_the_deadline_are_ignored_and_the_attempt_is_graded_as_of_it(enrolled, make_quiz):
    quiz = make_quiz(time_limit=10)
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.save_answer(enrolled, attempt.pk, "single", "single-right")
    deadline = timezone.now() - timedelta(seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    with pytest.raises(AssessmentError, match="Time is up"):
        attempts.save_answer(enrolled, attempt.pk, "tf", "true")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.submitted_at == deadline
    assert attempt.score == Decimal("1.00")
    assert not Answer.objects.filter(question_id="tf", response="true").exists()


def test_a_late_submission_only_counts_what_was_saved_in_time(enrolled, make_quiz):
    quiz = make_quiz(time_limit=5)
    attempt = attempts.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk, all_correct())
    assert attempt.score == Decimal("0.00")


def test_the_schedule_grades_expired_attempts(enrolled, make_quiz):
    quiz = make_quiz(time_limit=5)
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.save_answer(enrolled, attempt.pk, "single", "single-right")
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert grade_expired_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.score == Decimal("1.00")
    assert grade_expired_attempts() == 0


def test_the_schedule_exists(db):
    from django_q.models import Schedule

    assert Schedule.objects.filter(func="assessments.tasks.grade_expired_attempts", minutes=1).exists()


def test_reading_the_state_grades_an_expired_attempt(enrolled, make_quiz):
    quiz = make_quiz(time_limit=5)
    attempt = attempts.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    state = attempts.evaluation_state(enrolled, quiz)
    assert state.open_attempt is None and state.attempts[0].status == AttemptStatus.GRADED


def test_an_essay_leaves_the_attempt_pending_review(enrolled, make_quiz):
    quiz = make_quiz(questions=[*every_question_type(), essay()])
    attempt = attempts.start_attempt(enrolled, quiz)
    answer_all(enrolled, attempt, {**all_correct(), "essay": "Light becomes sugar."})
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW and attempt.passed is None


def test_drawing_questions_asks_n_of_the_pool(enrolled, make_quiz):
    quiz = make_quiz(questions_per_attempt=2, shuffle_questions=True, shuffle_choices=True)
    attempt = attempts.start_attempt(enrolled, quiz)
    assert len(attempt.questions) == 2
    assert attempt.max_score == sum(Decimal(q["points"]) for q in attempt.questions)


def test_later_edits_do_not_change_a_past_result(enrolled, quiz):
    attempt = attempts.start_attempt(enrolled, quiz)
    answer_all(enrolled, attempt, all_correct())
    body = quiz.body.raw_data
    body[0]["value"]["questions"][0]["value"]["points"] = "50"
    quiz.body = body
    course_factories.publish(quiz)
    attempt, _ = attempts.submit_attempt(enrolled, attempt.pk)
    assert attempt.score == Decimal("6.00") and attempt.max_score == Decimal("6")


def test_unavailable_evaluation_cannot_be_started(enrolled, make_quiz):
    quiz = make_quiz(available_from=(timezone.now() + timedelta(days=1)).isoformat())
    with pytest.raises(AssessmentError, match="opens on"):
        attempts.start_attempt(enrolled, quiz)


def test_passing_the_last_requirement_completes_the_course_and_sends_course_completed(catalog):
    import json

    from courses.models import ResourcePage
    from courses.signals import course_completed

    from .factories import evaluation_data

    course = course_factories.build_course(
        title="One quiz", slug="one-quiz", price=0, sections=1, resources_per_section=1, free_preview_first=False
    )
    quiz = ResourcePage.objects.descendant_of(course).get()
    quiz.body = json.dumps(evaluation_data())
    course_factories.publish(quiz)
    student = course_factories.UserFactory()
    enroll(student, course, Source.FREE)
    received = []
    course_completed.connect(lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="test-completed")
    try:
        failed = attempts.start_attempt(student, quiz)
        attempts.submit_attempt(student, failed.pk)
        assert received == []  # a failed attempt completes nothing
        passed = attempts.start_attempt(student, quiz)
        attempts.submit_attempt(student, passed.pk, all_correct())
    finally:
        course_completed.disconnect(dispatch_uid="test-completed")
    assert len(received) == 1 and received[0]["user"] == student
    assert received[0]["enrollment"].completed_at is not None


def _orders(quiz, times=30):
    evaluation = attempts.published_evaluation(quiz)
    snapshots = [attempts.build_snapshot(evaluation, "en") for _ in range(times)]
    questions = {tuple(q["id"] for q in s["questions"]) for s in snapshots}
    firsts = [s["questions"][0] for s in snapshots]
    choices = {tuple(c["id"] for c in q["choices"]) for q in firsts if q.get("choices")}
    return questions, choices


def test_without_shuffling_every_attempt_asks_in_the_authors_order(make_quiz):
    questions, choices = _orders(make_quiz())
    assert questions == {("single", "multi", "tf", "short", "num")}
    assert choices == {("single-right", "single-wrong")}


def test_shuffling_changes_the_order_of_questions_and_choices_between_attempts(make_quiz):
    # 30 identical orders of 5 questions by chance: (1/120)^29
    questions, _ = _orders(make_quiz(shuffle_questions=True))
    assert len(questions) > 1 and all(sorted(q) == sorted(["single", "multi", "tf", "short", "num"]) for q in questions)
    quiz = make_quiz(questions=every_question_type()[1:2], shuffle_choices=True)  # three choices
    _, choices = _orders(quiz)
    assert len(choices) > 1


def test_drawing_varies_which_questions_are_asked(make_quiz):
    questions, _ = _orders(make_quiz(questions_per_attempt=2))
    assert all(len(q) == 2 for q in questions) and len(questions) > 1
