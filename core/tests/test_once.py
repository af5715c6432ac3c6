"""``do_once``: an effect runs once per key, again only when the run that had it failed."""

import threading

import pytest
from django.db import connection, connections

from core.once import do_once


@pytest.mark.django_db
def test_an_effect_runs_once_per_key():
    done = []
    assert do_once("test:1", lambda: done.append(1)) is True
    assert do_once("test:1", lambda: done.append(2)) is False
    assert do_once("test:2", lambda: done.append(3)) is True
    assert done == [1, 3]


@pytest.mark.django_db
def test_an_effect_that_failed_runs_on_the_next_try():
    def fail():
        raise ConnectionError("mail server down")

    with pytest.raises(ConnectionError):
        do_once("test:1", fail)
    done = []
    assert do_once("test:1", lambda: done.append(1)) is True
    assert done == [1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_have_the_effect_once():
    if connection.vendor == "sqlite":
        pytest.skip("needs concurrent writers (PostgreSQL, MariaDB): SQLite serialises them")
    runs, barrier, done, errors = 6, threading.Barrier(6), [], []

    def run():
        try:
            barrier.wait()
            do_once("test:race", lambda: done.append(1))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert done == [1]
