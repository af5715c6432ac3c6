"""Data built once for every test of a module: Django's ``setUpTestData`` for pytest.

A module whose tests each build the same course tree (pages saved and published, translated
with wagtail-localize, files uploaded) spends most of its time building it again. Here it is
built once per test process, inside a transaction that stays open while the module's tests
run and is rolled back after the last one; each test runs in a savepoint of it (the ``db``
fixture, as always), so what a test changes is undone before the next. As Django's
``setUpTestData``, the builder returns plain values (primary keys, names), and each test
reads its objects again from them: an object kept in memory from one test to the next
would carry the first test's changes.

``courses/tests/test_access_translations.py`` shows a module's own builder and fixtures;
``courses/tests/conftest.py`` fixtures an app's modules opt into.

Not for modules with transactional tests (``transaction=True``, the live server, and on
MariaDB the ``full_text_search`` tests of ``core/tests/databases.py``): pytest-django runs
them after the others, when they have emptied the tables, and the module's data would be
built again there, inside a transaction the test cannot have.
"""

from django.test import TestCase, override_settings


class Built(dict):
    """What the builder returned, and the folder its files were written to."""

    media_root = ""


def built_once(django_db_blocker, tmp_path_factory, build):
    """A generator for a module-scoped fixture: ``build()`` run once in a transaction kept
    open (and its files in a folder of their own) until the module's tests are done."""

    class Once(TestCase):
        @classmethod
        def setUpTestData(cls):
            # What a build queues for after its commit (a publish's jobs) runs as it would.
            with cls.captureOnCommitCallbacks(execute=True):
                cls.built = Built(build())

    media_root = str(tmp_path_factory.mktemp("built-once-media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        Once.setUpClass()
        try:
            built = Once.built
            built.media_root = media_root
            yield built
        finally:
            Once.tearDownClass()
            Once.doClassCleanups()


def shared_or_new(request, built_fixture, name, model, make):
    """For a fixture that a module may take from what was built once: the object named
    ``name`` in ``built_fixture``'s values, read again, when the test's module uses that
    fixture (``pytestmark = pytest.mark.usefixtures(built_fixture)``); otherwise ``make()``."""
    if built_fixture in request.fixturenames:
        return model.objects.get(pk=request.getfixturevalue(built_fixture)[name])
    return make()
