"""Max attempts hold when a student starts from several tabs at once (PostgreSQL only:
SQLite serialises every write, so there is no race to lose)."""

import threading

import pytest
from django.db import connection, connections

from assessments import attempts
from assessments.exceptions import AssessmentError
from assessments.models import Attempt
from courses.learning.enrollment import Source, enroll
from courses.models import SectionPage
from courses.tests import factories as course_factories

from .factories import evaluation_resource

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


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
