"""The demo is seeded once for every test in this package (about 10 s on SQLite, 16 s on
PostgreSQL), inside a transaction rolled back after the package's last test: Django's own
``setUpTestData`` (data made once for a class of tests, each test in a savepoint) applied to
a package. The tests here only read what ``seed_demo`` made, or change it inside their own
savepoint."""

import io

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings


class _SeededDemo(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Background jobs queued on commit (certificate PDFs, receipts) run as they would.
        with cls.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="package")
def _seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = str(tmp_path_factory.mktemp("demo-media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        _SeededDemo.setUpClass()
        try:
            yield media
        finally:
            _SeededDemo.tearDownClass()
            _SeededDemo.doClassCleanups()


@pytest.fixture(autouse=True)
def demo_site(_seeded_demo, db, settings):
    """Each test sees the seeded demo and its files (the root conftest gives every test a
    media folder of its own; the demo's stays the one it was seeded into)."""
    settings.MEDIA_ROOT = _seeded_demo
