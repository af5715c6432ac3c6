"""The default SQLite set-up takes simultaneous writes without "database is locked"."""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from courses.models import Enrollment
from courses.tests import factories

pytestmark = pytest.mark.django_db

STUDENTS = 20


@pytest.fixture(scope="module")
def migrated_file_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """A file copy of the freshly migrated test database (which lives in memory), taken
    before any test opens its transaction."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    path = tmp_path_factory.mktemp("sqlite") / "aula.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


@pytest.fixture
def file_database(migrated_file_copy, monkeypatch):
    """Connections opened from now on (each thread opens its own) use the file database,
    with the project's SQLite OPTIONS."""
    monkeypatch.setitem(
        connections.settings, "default", {**connections.settings["default"], "NAME": str(migrated_file_copy)}
    )


def _in_thread(function):
    """Run ``function`` in a thread of its own, so on a connection to the file database."""
    result = {}

    def run():
        try:
            result["value"] = function()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


def _course_and_signed_in_students():
    factories.catalog()
    course = factories.build_course(title="Busy course", slug="busy-course", price=0, owner=factories.instructor())
    clients = []
    for _ in range(STUDENTS):
        client = Client(raise_request_exception=False)
        client.force_login(factories.UserFactory())
        clients.append(client)
    return course, clients


def test_twenty_simultaneous_enrollments_on_a_file_database_all_succeed(file_database):
    course, clients = _in_thread(_course_and_signed_in_students)
    start = threading.Barrier(STUDENTS, timeout=30)
    outcomes = []

    def enroll(client):
        try:
            start.wait()
            outcomes.append(client.post(f"/en/learn/{course.pk}/enroll/").status_code)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test reports
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enroll, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == [302] * STUDENTS
    assert _in_thread(lambda: Enrollment.objects.filter(course=course).count()) == STUDENTS
    assert _in_thread(lambda: connections["default"].cursor().execute("PRAGMA journal_mode").fetchone()[0]) == "wal"
