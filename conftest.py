import pytest
from django.core.cache import cache
from django.utils import translation


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
    from wagtail.models import Locale

    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    homes = {"en": home}
    for code in ["es", "pt-br", "fr"]:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        translated = home.get_translation_or_none(locale) or home.copy_for_translation(locale)
        translated.save_revision().publish()
        homes[code] = translated
    return homes


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


@pytest.fixture
def search_index(settings):
    """Wagtail's search index brought up to date as pages and documents are saved, as in
    production. Off in the other tests (``lms_site/settings/test.py``): indexing every page a
    test builds was a tenth of the unit suite's time."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {name: {**backend, "AUTO_UPDATE": True} for name, backend in backends.items()}


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
