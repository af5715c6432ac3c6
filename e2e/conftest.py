"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Never `playwright install`: the browser is the system's `chromium`.
"""

import contextlib
import os
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; the live server's database
# work happens in Django's own threads, so the async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SerialWSGIServer(WSGIServer):
    """Answer one request at a time. The live server's threads share the test database's
    single connection (in-memory SQLite), and a browser sends requests in parallel (the
    admin, a <video> fetching ranges), which would interleave their transactions."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Debian's chromium is required for the browser tests (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_url(django_db_serialized_rollback, live_server, settings, search_index):
    """The live server's base URL; the default Wagtail site answers for it.

    Serialized rollback restores what the data migrations made (home page, roles)
    after each browser test flushes the database. The search index is kept up to date as
    in production."""
    settings.ALLOWED_HOSTS = ["*"]
    return live_server.url


@pytest.fixture
def page(browser, live_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()
    drain_live_server(live_url)


def drain_live_server(live_url):
    """Wait until the live server has answered every request the browser had sent.

    The server answers one request at a time, in the order it accepted them, and it still
    answers the ones a closed page left queued (a video's range requests, an autosave).
    Answered during the database flush that ends the test, they deadlock against it or
    write into the next test. One more request of our own, answered last, means they are
    done."""
    with contextlib.suppress(urllib.error.HTTPError):  # a 404: what matters is that it came
        urllib.request.urlopen(f"{live_url}/__drain__/", timeout=30).close()


@pytest.fixture(scope="session")
def webm_bytes(tmp_path_factory):
    """Eight seconds of VP8 video with sound, made by Debian's ffmpeg."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make the test video")
    target = tmp_path_factory.mktemp("video") / "clip.webm"
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", "testsrc2=duration=8:size=320x180:rate=25",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
         "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libvorbis", "-shortest", str(target)],
        check=True, timeout=120,
    )  # fmt: skip
    return target.read_bytes()
