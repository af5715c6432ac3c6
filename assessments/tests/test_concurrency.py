"""Max attempts hold when a student starts from several tabs at once (PostgreSQL and
MariaDB: SQLite serialises every write, so there is no race to lose)."""

import threading

import pytest
from django.db import connections

from assessments import attempts
from assessments.exceptions import AssessmentError
from assessments.models import Attempt
from core.tests.databases import row_locks
from courses.learning.enrollment import Source, enroll
from courses.models import SectionPage
from courses.tests import factories as course_factories

from .factories import evaluation_resource

pytestmark = row_locks


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_starts_cannot_exceed_max_attempts():
    course_factories.catalog()
    course = course_factories.build_course(title="Race", slug="race", price=0)
    quiz = evaluation_resource(SectionPage.objects.child_of(course).first(), max_attempts=2)
    student = course_factories.UserFactory()
    enroll(student, course, Source.FREE)
    barrier = threading.Barrier(8)
    errors = []

    def start_and_submit():
        try:
            barrier.wait()
            for _ in range(3):
                try:
                    attempt = attempts.start_attempt(student, quiz, "en")
                    attempts.submit_attempt(student, attempt.pk)
                except AssessmentError:
                    pass
        except Exception as error:  # anything but a refusal is a failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start_and_submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_graders_at_once_grade_an_essay_once():
    """The course's instructor and an administrator press "Save" on the same essay at once:
    one grade is recorded, the other is told the essay no longer waits."""
    from assessments import reviewing
    from assessments.models import Answer

    from .factories import essay

    course_factories.catalog()
    teacher = course_factories.instructor()
    admin = course_factories.UserFactory(is_superuser=True, is_staff=True)
    course = course_factories.build_course(title="Essays", slug="essays", price=0, owner=teacher)
    quiz = evaluation_resource(SectionPage.objects.child_of(course).first(), questions=[essay()])
    student = course_factories.UserFactory()
    enroll(student, course, Source.FREE)
    attempt = attempts.start_attempt(student, quiz, "en")
    attempts.save_answer(student, attempt.pk, "essay", "Words.")
    attempts.submit_attempt(student, attempt.pk)
    answer = Answer.objects.get(attempt=attempt)
    barrier = threading.Barrier(2)
    graded, refused, errors = [], [], []

    def grade(grader, points):
        try:
            barrier.wait()
            reviewing.grade_essay(grader, answer.pk, points, f"by {grader.pk}")
            graded.append(points)
        except AssessmentError:
            refused.append(points)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=grade, args=args) for args in ((teacher, "1"), (admin, "3"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(graded) == 1 and len(refused) == 1
    answer.refresh_from_db()
    assert str(int(answer.points)) == graded[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_requests_for_another_attempt_leave_one_waiting():
    """A student who used every attempt sends "Ask for another attempt" from four tabs at
    once: one request waits for the instructor, the others are told it already does."""
    from assessments import extra_attempts
    from assessments.models import ExtraAttemptRequest

    course_factories.catalog()
    course = course_factories.build_course(title="Asks", slug="asks", price=0)
    quiz = evaluation_resource(SectionPage.objects.child_of(course).first(), max_attempts=1)
    student = course_factories.UserFactory()
    enroll(student, course, Source.FREE)
    attempts.submit_attempt(student, attempts.start_attempt(student, quiz, "en").pk)
    barrier = threading.Barrier(4)
    asked, refused, errors = [], [], []

    def ask():
        try:
            barrier.wait()
            asked.append(extra_attempts.request_extra_attempt(student, quiz, "I was ill."))
        except AssessmentError as refusal:
            refused.append(str(refusal))
        except Exception as error:  # anything but a refusal is a failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(asked) == 1 and len(refused) == 3
    assert ExtraAttemptRequest.objects.filter(user=student, status="pending").count() == 1
