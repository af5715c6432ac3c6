"""Simultaneous completion events still issue one certificate (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from courses.learning.enrollment import Source, enroll
from courses.models import Enrollment
from courses.signals import course_completed

from ..models import Certificate


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_completion_events_issue_one_certificate(student, free_course, settings):
    if connection.vendor == "sqlite":
        pytest.skip("needs concurrent writers (PostgreSQL, MariaDB): SQLite serialises them")
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}  # no PDF rendering in the threads
    from courses.learning.progress import _record_completion
    from courses.models import ResourcePage

    enrollment, _created = enroll(student, free_course, Source.FREE)
    for resource in ResourcePage.objects.descendant_of(free_course):
        _record_completion(student, resource, free_course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at="2026-12-01T10:00:00Z")
    enrollment.refresh_from_db()

    threads, errors = 8, []
    barrier = threading.Barrier(threads)

    def complete():
        try:
            user = type(student).objects.get(pk=student.pk)
            barrier.wait()
            course_completed.send(sender=Enrollment, enrollment=enrollment, user=user, course=free_course)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=complete) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert Certificate.objects.filter(user=student, course_key=free_course.translation_key).count() == 1
