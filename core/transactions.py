"""Requests that only read run without a transaction.

Every request is a transaction (``ATOMIC_REQUESTS``), which costs two round trips to
PostgreSQL and, on SQLite, the database's write lock for the whole request (transactions
are ``IMMEDIATE`` there: see the settings), so signed-in pages would be served one at a
time. The views that serve pages to read (Wagtail pages, the dashboard) skip it for GET
and HEAD: what they write on the way (a course's last activity) is one statement, and the
services that write more hold their own ``transaction.atomic()``. Other methods keep it.

``lock_own_rows`` locks the rows a query selects, on every database that locks rows.
"""

from functools import wraps

from django.db import connections, transaction

READING = ("GET", "HEAD", "OPTIONS")


def atomic_unless_reading(view):
    @transaction.non_atomic_requests
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method in READING:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapped


def lock_own_rows(queryset):
    """``queryset.select_for_update()`` locking its own model's rows only. PostgreSQL refuses
    to lock the nullable side of an outer join, hence ``of=("self",)`` where the database
    has it (PostgreSQL, MySQL 8); MariaDB has no ``FOR UPDATE OF`` and locks the rows of
    every table the query read instead (a few more, for as short a time)."""
    if connections[queryset.db].features.has_select_for_update_of:
        return queryset.select_for_update(of=("self",))
    return queryset.select_for_update()
