"""Database connections cut under load: gunicorn keeps serving, without a restart.

A real gunicorn (production's gunicorn.conf.py: gthread workers, persistent database
connections checked before reuse, ``CONN_HEALTH_CHECKS``) serves pages on a loopback port;
the database terminates every one of its connections (as a failover or an administrator's
``pg_terminate_backend`` on PostgreSQL, ``KILL`` on MariaDB, does); every request sent after
that is answered as before.

PostgreSQL and MariaDB (CI's server-database phases): gunicorn shares the test database.
"""

import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from core.tests.databases import shared_test_database

from .processes import Server, settings_module

WORKERS, THREADS = 2, 2
PAGES = ["/en/", "/healthz"]  # a Wagtail page (in a request transaction) and the health check
DEADLINE = 60

pytestmark = [
    pytest.mark.django_db,
    shared_test_database,
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def requests(base, rounds):
    return [base + page for page in PAGES for _ in range(rounds)]


def load(base, rounds):
    """``rounds`` requests of each page, several at once (more than the server's threads)."""
    urls = requests(base, rounds)
    with ThreadPoolExecutor(max_workers=WORKERS * THREADS * 2) as pool:
        return list(zip(urls, pool.map(status, urls), strict=True))


def terminate_server_connections():
    """Terminate every other session on this test's database (gunicorn's). How many."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0]
        cursor.execute("SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()")
        sessions = [row[0] for row in cursor.fetchall()]
        for session in sessions:
            cursor.execute(f"KILL CONNECTION {int(session)}")
        return len(sessions)


def test_gunicorn_serves_every_request_after_its_database_connections_are_terminated(tmp_path, settings):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0  # persistent, as in production
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    port = free_port()
    module = settings_module(tmp_path, f"MEDIA_ROOT = {settings.MEDIA_ROOT!r}")
    deadline = time.monotonic() + DEADLINE
    server = Server(
        module, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lms_site.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--threads", str(THREADS),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        assert server.wait_until(lambda: server.logged("Listening at"), deadline), server.tail()
        assert {code for _url, code in load(base, rounds=8)} == {200}, server.tail()
        with ThreadPoolExecutor(max_workers=WORKERS * THREADS * 2) as pool:
            under_way = pool.map(status, requests(base, rounds=8))
            assert terminate_server_connections() >= 1  # the workers' open connections, some mid-request
            list(under_way)  # a request caught mid-query may fail: it is the ones after that count
        after = load(base, rounds=8)
        server.drain()
    finally:
        server.kill()
    assert [(url, code) for url, code in after if code != 200] == [], server.tail(60)
    assert server.logged("Booting worker") == WORKERS  # served by the same workers: none replaced
