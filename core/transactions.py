"""Requests that only read run without a transaction.

Every request is a transaction (``ATOMIC_REQUESTS``), which costs two round trips to
PostgreSQL and, on SQLite, the database's write lock for the whole request (transactions
are ``IMMEDIATE`` there: see the settings), so signed-in pages would be served one at a
time. The views that serve pages to read (Wagtail pages, the dashboard) skip it for GET
and HEAD: what they write on the way (a course's last activity) is one statement, and the
services that write more hold their own ``transaction.atomic()``. Other methods keep it.
"""

from functools import wraps

from django.db import transaction

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
