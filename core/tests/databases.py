"""Marks for the tests that need something only some databases have.

- ``row_locks``: races decided by ``select_for_update`` (coupons, attempts, seats, invoice
  numbers). PostgreSQL and MariaDB/MySQL lock rows; SQLite has no row locks — it serialises
  every write, so there is no race to lose and nothing to prove there.
- ``shared_test_database``: a test that starts other processes (gunicorn, the job cluster)
  on its own test database. SQLite's test database lives in the test process's memory, so
  no other process can open it; PostgreSQL's and MariaDB's are real databases.
- ``full_text_search``: a test that finds what it wrote through the site search. On
  MariaDB/MySQL an InnoDB full-text index sees a row only once its transaction has
  committed, and a test's own transaction never commits: there the test commits what it
  writes (a transactional test, the database restored after it); elsewhere it stays inside
  its rolled-back transaction. Such a test also takes the ``search_index`` fixture (the root
  conftest): the index is kept up to date on save only where a test reads it.
"""

import pytest
from django.db import connection

row_locks = pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="row locks (select_for_update): SQLite has none, it serialises every write, so there is no race",
)

shared_test_database = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="other processes share the test database: SQLite's is in this process's memory",
)

full_text_search = (
    pytest.mark.django_db(transaction=True, serialized_rollback=True)
    if connection.vendor == "mysql"
    else pytest.mark.django_db
)
