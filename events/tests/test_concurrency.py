"""Capacity under concurrency: with row locks (PostgreSQL, MariaDB), 30 people registering at once
for 10 seats give exactly 10 registrations and a waiting list of 20, in order."""

import threading

import pytest
from django.db import connections

from accounts.tests.factories import UserFactory
from core.tests.databases import row_locks
from events import registration as registrations
from events.models import Registration

from .factories import master_class

pytestmark = row_locks


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_racing_registrations_for_ten_seats_give_exactly_ten():
    page = master_class(capacity=10)
    users = [UserFactory() for _ in range(30)]
    barrier = threading.Barrier(len(users))
    errors = []

    def attempt(user):
        try:
            barrier.wait()
            registrations.register(user, page)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = Registration.objects.filter(master_class_key=page.translation_key)
    assert rows.filter(status=Registration.Status.REGISTERED).count() == 10
    waiting = sorted(rows.filter(status=Registration.Status.WAITLISTED).values_list("position", flat=True))
    assert waiting == list(range(1, 21))
