import pytest
from django.core.cache import cache
from django.utils import translation

from core.tests import serialized_rollback, template_database

serialized_rollback.install()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test writes uploads to its own folder, starts with an empty cache (rate-limit
    counters live there, Redis outlives a test, and each process remembers recent shared
    fragments) and in the site's default language (a
    request to /es/… leaves Spanish active in the thread, which would leak into the next
    test's ``reverse()`` and messages)."""
    from caching import page_cache

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    page_cache.forget_everything()  # page ids are reused from one test to the next
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test databases, migrated once and copied for each parallel process
    (core/tests/template_database.py); SQLite and ``--reuse-db`` as pytest-django does."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    workerinput = getattr(request.config, "workerinput", None)
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    if workerinput is not None and not keepdb and template_database.supported():
        with django_db_blocker.unblock():
            original = template_database.setup(
                workerinput["testrunuid"], workerinput["workerid"], bool(serialized_aliases), verbosity
            )
        yield
        with django_db_blocker.unblock():
            template_database.teardown(original, verbosity)
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=verbosity, interactive=False, aliases=aliases,
                                 serialized_aliases=serialized_aliases, keepdb=keepdb)  # fmt: skip
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)


def pytest_sessionfinish(session):
    """The controlling process of a parallel run drops the run's template database."""
    from pytest_django.plugin import blocking_manager_key

    if hasattr(session.config, "workerinput") or not getattr(session.config.option, "numprocesses", None):
        return
    if template_database.supported():
        with session.config.stash[blocking_manager_key].unblock():
            template_database.drop_template()


@pytest.fixture
def user_factory(db):
    from accounts.tests.factories import UserFactory

    def make(email="learner@example.com", password="a-Strong-pass-2026", groups=(), verified=True, **extra):
        extra.setdefault("display_name", "")
        return UserFactory(email=email, password=password, groups=list(groups), verified=verified, **extra)

    return make


@pytest.fixture
def locales(db):
    """The four site languages, with a translated home page for each."""
    from home.tests.languages import translated_homes

    return translated_homes()


@pytest.fixture
def each_request_commits(monkeypatch, django_capture_on_commit_callbacks):
    """What a request queues for after its commit (an e-mail's job, ``transaction.on_commit``)
    runs when the test client's request ends, as in production (``ATOMIC_REQUESTS``: each
    request's transaction commits as it ends) — a test's own transaction never commits."""
    from django.test.client import ClientHandler

    answer = ClientHandler.__call__

    def answer_and_commit(handler, environ):
        with django_capture_on_commit_callbacks(execute=True):
            return answer(handler, environ)

    monkeypatch.setattr(ClientHandler, "__call__", answer_and_commit)


@pytest.fixture
def no_caching(settings):
    """Every cache off: the page, shared values, routing and personal caches — for a test
    that counts the queries a render itself makes at two sizes (with caches warm there
    would be none to count), or that reads what a render reads on purpose."""
    settings.AULA_PAGE_CACHE_SECONDS = 0


def _index_on_save(on):
    """Connect (or disconnect) the search index's save handlers. With ``AUTO_UPDATE`` off they
    still run, each save reading its object back to find nothing to do: 6 % of a test
    building course pages."""
    from django.db.models.signals import post_save
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    for model in index.get_indexed_models():
        if on:
            post_save.connect(post_save_signal_handler, sender=model)
        else:
            post_save.disconnect(post_save_signal_handler, sender=model)


@pytest.fixture(scope="session", autouse=True)
def _no_index_on_save():
    _index_on_save(False)


@pytest.fixture
def search_index(settings):
    """Wagtail's search index brought up to date as pages and documents are saved, as in
    production. Off in the other tests (``lms_site/settings/test.py``): indexing every page a
    test builds was a tenth of the unit suite's time."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {name: {**backend, "AUTO_UPDATE": True} for name, backend in backends.items()}
    _index_on_save(True)
    yield
    _index_on_save(False)


@pytest.fixture
def shared_cache(db, settings):
    """Every cache on (the default), with the site settings rows made first: made on first
    use, they would renew the cache once mid-test (a test counting queries)."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Site

    from caching import page_cache

    settings.AULA_PAGE_CACHE_SECONDS = 600
    site = Site.objects.get(is_default_site=True)
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            model.for_site(site)
    page_cache.forget_everything()
    yield
    page_cache.forget_everything()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The demo's tests first (after pytest-django's and pytest-randomly's ordering, which
    they keep: they share one transaction, none commits): seeded once and run together by one
    process for three minutes, they would otherwise often come last and leave the other
    processes idle at the end of the run."""
    items.sort(key=lambda item: not item.nodeid.startswith("home/tests/demo/"))
    for item in items:
        _refuse_built_once_in_a_transactional_test(item)


def _refuse_built_once_in_a_transactional_test(item):
    """Data built once for a module (core/tests/built_once.py) lives in a transaction a
    transactional test cannot run in: say so at collection rather than fail obscurely."""
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(getattr(item, "fixturenames", ()))
    built = [name for name in getattr(item, "fixturenames", ()) if name.endswith("_built_once")]
    if transactional and built:
        raise pytest.UsageError(f"{item.nodeid}: a transactional test cannot use {built[0]} (built_once.py)")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With parallel test processes (``-n``), the demo's tests go to one process together,
    so the demo is seeded once (home/tests/demo/conftest.py); every other test goes wherever
    a process is free. pytest-xdist's own ``xdist_group`` mark does this, but not under
    pytest 9 (it renames test ids in a way pytest 9 ignores)."""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return "home/tests/demo/" if nodeid.startswith("home/tests/demo/") else nodeid

    return Scheduling(config, log)
