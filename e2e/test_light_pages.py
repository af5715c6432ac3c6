"""Light pages on a phone: every public page type, first visit (empty cache), on a slow 4G
connection (Chromium's throttling: 1.6 Mbps down, 750 kbps up, 150 ms round trip), weighs at
most 150 KB on the wire and paints its first content within 1.5 s, with no console error.

The site is served as in production: static files collected with whitenoise's compressed
manifest storage (hashed names, brotli and gzip copies) and sent by whitenoise, pages gzipped
by lms_site.compression. Pass ``-s`` to see each page's weight and first paint.
"""

import contextlib
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread
from whitenoise.compress import Compressor

from courses.models import CourseIndexPage, ResourcePage, SectionPage
from courses.tests import factories
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
SLOW_4G = {
    "offline": False,
    "latency": 150,  # ms, added to every round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes per second
    "uploadThroughput": 750_000 / 8,
}
MAX_BYTES = 150 * 1024
MAX_FIRST_PAINT_MS = 1500

# The Wagtail admin's files: no public page names them, and hashing and compressing them
# would take most of a minute (production collects everything).
ADMIN_STATIC = ["admin", "wagtail*", "rest_framework", "bootstrap-*", "bootstrap.rtl*", "bootstrap.esm*"]


@pytest.fixture
def site(locales):
    """A catalog with a free course (its first lesson a free preview), a home page with the
    course blocks and an About page."""
    catalog = factories.catalog()
    course = factories.build_course(
        title="Drawing for everyone", slug="drawing", price=0, featured=True, sections=2,
        summary="Draw faces, hands and places with a pencil.",
        learning_outcomes=[("item", "Draw a face"), ("item", "Shade with a pencil")],
    )  # fmt: skip
    factories.publish(course)
    factories.publish(factories.build_course(title="Advanced watercolour", slug="watercolour", price="49.00"))
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [
        ("hero", {"heading": "Learn from practitioners", "text": "Courses at your pace."}),
        ("course_search", {"heading": "What do you want to learn?"}),
        ("featured_courses", {"heading": "Featured courses", "count": 3}),
        ("categories", {"heading": "Browse by subject"}),
    ]
    home.save_revision().publish()
    about = home.add_child(instance=StandardPage(title="About", slug="about", introduction="Who we are."))
    about.save_revision().publish()
    section = SectionPage.objects.descendant_of(course).order_by("path").first()
    return {
        "home": "/en/",
        "catalog": CourseIndexPage.objects.get(pk=catalog.pk).url,
        "course": course.url,
        "section": section.url,
        "free-preview resource": ResourcePage.objects.descendant_of(course).get(free_preview=True).url,
        "standard page": about.url,
        "search results": "/en/search/?q=drawing",
        "login": "/en/accounts/login/",
        "sign-up": "/en/accounts/signup/",
    }


@pytest.fixture
def production_static(settings, tmp_path):
    """collectstatic into a fresh STATIC_ROOT with the production storage; whitenoise
    (not the test server's own static handler) sends the files."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]  # seconds saved
    settings.ALLOWED_HOSTS = ["*"]
    call_command("collectstatic", "--noinput", verbosity=0, ignore_patterns=ADMIN_STATIC)


@pytest.fixture
def light_server(production_static):
    """A live server whose every request, /static/ included, goes through the site's
    middleware (pytest-django's serves static files itself, uncompressed)."""
    shared = {}
    for connection in connections.all():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            shared[connection.alias] = connection
            connection.inc_thread_sharing()
    server = LiveServerThread("127.0.0.1", static_handler=lambda handler: handler, connections_override=shared)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    url = f"http://127.0.0.1:{server.port}"
    yield url
    with contextlib.suppress(urllib.error.HTTPError):  # answered last: the browser's requests are done
        urllib.request.urlopen(f"{url}/__drain__/", timeout=30).close()
    server.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


def first_visit(browser, url):
    """Open ``url`` in a fresh phone context on slow 4G: (bytes on the wire, first contentful
    paint in ms, console errors, the stylesheet responses)."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    errors, stylesheets, finished = [], [], {}
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda answer: answer.request.resource_type == "stylesheet" and stylesheets.append(answer))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.on("Network.loadingFinished", lambda event: finished.update({event["requestId"]: event["encodedDataLength"]}))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # deferred and late requests counted too
    first_paint = page.evaluate(
        "performance.getEntriesByType('paint').find(entry => entry.name === 'first-contentful-paint').startTime"
    )
    headers = [response.all_headers() for response in stylesheets]
    context.close()
    return sum(finished.values()), first_paint, errors, headers


def test_every_public_page_type_is_light_on_a_slow_phone_connection(browser, site, light_server):
    for path in site.values():  # pages render once, as a visitor before would have made them
        urllib.request.urlopen(light_server + path, timeout=60).close()
    rows, failures = [], []
    for name, path in site.items():
        weight, first_paint, errors, stylesheets = first_visit(browser, light_server + path)
        rows.append(f"{name:24} {weight / 1024:6.1f} KB  FCP {first_paint:5.0f} ms")
        if weight > MAX_BYTES:
            failures.append(f"{name}: {weight / 1024:.1f} KB on the wire")
        if first_paint > MAX_FIRST_PAINT_MS:
            failures.append(f"{name}: first contentful paint after {first_paint:.0f} ms")
        if errors:
            failures.append(f"{name}: console errors {errors}")
        for headers in stylesheets:  # whitenoise's copies, cached for good under hashed names
            if headers.get("content-encoding") not in ("br", "gzip") or "immutable" not in headers["cache-control"]:
                failures.append(f"{name}: a stylesheet sent without compression or long caching: {headers}")
        if not stylesheets:
            failures.append(f"{name}: no stylesheet seen")
    print("\n" + "\n".join(rows))
    assert failures == [], "\n".join(rows)
