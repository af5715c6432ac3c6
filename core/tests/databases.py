"""Marks for the tests that need something only some databases have.

- ``row_locks``: races decided by ``select_for_update`` (coupons, attempts, seats, invoice
  numbers). PostgreSQL and MariaDB/MySQL lock rows; SQLite has no row locks — it serialises
  every write, so there is no race to lose and nothing to prove there.
- ``shared_test_database``: a test that starts other processes (gunicorn, the job cluster)
  on its own test database. SQLite's test database lives in the test process's memory, so
  no other process can open it; PostgreSQL's and MariaDB's are real databases.
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
