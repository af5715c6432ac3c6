"""The catalog at 10 and at 1,000 courses: the same queries, and a window of page links."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def add_courses(catalog, count, prefix):
    for number in range(count):
        catalog.add_child(
            instance=CoursePage(title=f"{prefix} {number:04d}", slug=f"{prefix}-{number}", summary="A course.", price=0)
        )


def catalog_queries(client, catalog, query=""):
    client.get(catalog.url + query)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(catalog.url + query)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the same queries on any database: the SQLite run checks it (1,000 pages take minutes to make here)",
)
def test_the_catalog_costs_the_same_at_10_and_1000_courses(client, catalog):
    add_courses(catalog, 10, "small")
    small, _ = catalog_queries(client, catalog)
    add_courses(catalog, 990, "large")
    large, _ = catalog_queries(client, catalog)
    assert small == large
    _, html = catalog_queries(client, catalog, "?page=40")
    links = re.findall(r'class="page-link" href="\?page=(\d+)"', html)
    # Previous, 1, 38 39 [40] 41 42, 84, Next: a window, not 84 links.
    assert sorted(set(map(int, links))) == [1, 38, 39, 40, 41, 42, 84]
    assert html.count("…") == 2
