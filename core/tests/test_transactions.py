"""Pages that are read run without a transaction (no write lock held on SQLite, two round
trips fewer on PostgreSQL); anything else sent to them still runs in one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.tests import factories

pytestmark = pytest.mark.django_db


def transaction_statements(client, method, path):
    getattr(client, method)(path)  # the first visit makes the site's settings rows
    with CaptureQueriesContext(connection) as captured:
        getattr(client, method)(path)
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]


def test_reading_a_page_or_the_dashboard_opens_no_transaction(client):
    course = factories.build_course(slug="read-only", price=0)
    client.force_login(factories.UserFactory())
    assert transaction_statements(client, "get", course.url) == []
    assert transaction_statements(client, "get", "/en/dashboard/") == []


def test_posting_to_a_page_runs_in_a_transaction(client):
    course = factories.build_course(slug="posted", price=0)
    client.force_login(factories.UserFactory())
    assert transaction_statements(client, "post", course.url)  # inside the test's transaction: a savepoint
