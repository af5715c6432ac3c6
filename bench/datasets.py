"""The bench's two data sets, and what runs inside Django for them. Each command runs in a
child process of courses_pages.py with the cached server's environment (its database, its
Redis prefix or page-cache folder), so what it stores and renews is what the servers read:

    python bench/datasets.py migrate
    python bench/datasets.py prepare synthetic|demo [--full] OUT.json
    python bench/datasets.py misses PAGES.json BASE_URL REPEAT OUT.json

* **synthetic**: one course of 20 sections × 10 resources (200), eleven small courses for
  the catalog and an enrolled student (``--full``: 1,000 courses, the measured one with 300
  resources, 10,000 students enrolled in it and 100,000 completions);
* **demo**: ``manage.py seed_demo`` (its background jobs run inline: the captions are
  indexed for search, certificates issued), measured as its student ``student@aula.test``
  sees it: the free course they are enrolled in and its "Welcome" video lesson (captions
  in two languages), and a paid course's page for anonymous visitors.

``prepare`` writes the pages to measure (path, who, a string the page must contain), the
student's session cookie and each page's database queries with caches on and off.
``misses`` times a first visitor after a publish (see ``first_visits``).
"""

import html
import json
import re
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SECTIONS, RESOURCES_PER_SECTION = 20, 10
FULL_SECTIONS, FULL_COURSES, FULL_STUDENTS, FULL_COMPLETIONS_EACH = 30, 1000, 10_000, 10
SIGNED_IN_MARK = "/accounts/logout/"  # the header's sign-out form: only a signed-in page has it
SEARCH_MARK = "results for"  # "N results for “…”" (or "1 result for"), N > 0
UNCACHED = {
    "AULA_PAGE_CACHE_SECONDS": 0,
    "AULA_PERSONAL_CACHE": False,
    "CACHES": {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in ("default", "pages")},
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
}  # as bench/settings_uncached.py, for counting queries in this process


# --- Seeding -------------------------------------------------------------------------------
def seed_synthetic(full=False):
    from accounts.tests.factories import UserFactory
    from courses.learning.enrollment import enroll
    from courses.models import Enrollment, ResourcePage
    from courses.tests import factories

    catalog = factories.catalog()
    big = factories.build_course(
        sections=FULL_SECTIONS if full else SECTIONS,
        resources_per_section=RESOURCES_PER_SECTION,
        title="Big course",
        slug="big-course",
        price=0,
    )
    for n in range(FULL_COURSES - 1 if full else 11):
        sections = 2 if n < 11 or not full else 0  # the rest: course pages alone, for the catalog
        factories.build_course(sections=sections, resources_per_section=3, title=f"Course {n}", slug=f"course-{n}")
    resource = ResourcePage.objects.descendant_of(big).order_by("path")[150]
    resource.free_preview = True
    resource.body = [
        ("rich_text", "<h2>Notes</h2><p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>"),
        ("markdown", "## More\n\n- one\n- two\n- **three**"),
    ]
    resource.save_revision().publish()
    student = UserFactory(email="bench-student@example.com")
    enroll(student, big, Enrollment.Source.FREE)
    if full:
        seed_students(big)
    section = big.get_children().first().specific
    return {
        "student": student,
        "home": catalog.get_parent().specific,
        "catalog": catalog,
        "course": big,
        "section": section,
        "resource": resource,
        "enrolled course": big,
        "words": ("resource", "lorem ipsum notes"),
    }


def seed_students(course):
    """FULL_STUDENTS students enrolled in ``course``, FULL_COMPLETIONS_EACH completions each."""
    from django.contrib.auth import get_user_model

    from courses.models import Completion, Enrollment, ResourcePage

    users = get_user_model().objects.bulk_create(
        [get_user_model()(email=f"student-{n}@bench.test", password="!") for n in range(FULL_STUDENTS)],
        batch_size=2000,
    )
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, course=course, course_key=course.translation_key, source="free") for user in users],
        batch_size=2000,
    )
    keys = list(ResourcePage.objects.descendant_of(course).order_by("path").values_list("translation_key", flat=True))
    completions = (
        Completion(user=user, course_key=course.translation_key, resource_key=keys[(n + k) % len(keys)])
        for n, user in enumerate(users)
        for k in range(FULL_COMPLETIONS_EACH)
    )
    Completion.objects.bulk_create(completions, batch_size=5000)


def seed_demo():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django_q.conf import Conf
    from wagtail.models import Locale

    from courses.models import CourseIndexPage, CoursePage, ResourcePage

    Conf.SYNC = True  # the jobs seed_demo enqueues (captions indexed for search, certificates) run now
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    locale = Locale.get_default()
    enrolled = CoursePage.objects.get(slug="python-from-scratch", locale=locale)
    paid = CoursePage.objects.get(slug="data-visualisation", locale=locale)
    welcome = ResourcePage.objects.descendant_of(enrolled).get(title="Welcome")
    assert any(block.block_type == "video" and block.value["captions"] for block in welcome.body), "no captions"
    catalog = CourseIndexPage.objects.get(locale=locale)
    return {
        "student": get_user_model().objects.get(email="student@aula.test"),
        "home": catalog.get_parent().specific,
        "catalog": catalog,
        "course": paid,
        "section": welcome.get_parent().specific,
        "resource": welcome,
        "enrolled course": enrolled,
        "words": ("python", "python variables loops"),
    }


# --- The pages ---------------------------------------------------------------------------
def pages_of(seeded):
    """[(name, path, signed in, a string the answer must contain)], in the report's order."""
    from urllib.parse import urlencode

    def title(page):
        return html.escape(page.title)

    one, three = seeded["words"]
    search = "/en/search/?"
    return [
        ("home", seeded["home"].url, False, title(seeded["catalog"])),
        ("catalog", seeded["catalog"].url, False, title(seeded["course"])),
        ("course", seeded["course"].url, False, title(seeded["course"])),
        ("section", seeded["section"].url, False, title(seeded["section"])),
        ("preview", seeded["resource"].url, False, title(seeded["resource"])),
        ("course (enrolled)", seeded["enrolled course"].url, True, title(seeded["enrolled course"])),
        ("resource (enrolled)", seeded["resource"].url, True, title(seeded["resource"])),
        ("dashboard", "/en/dashboard/", True, title(seeded["enrolled course"])),
        (f"search “{one}”", search + urlencode({"q": one}), False, SEARCH_MARK),
        (f"search “{three}”", search + urlencode({"q": three}), False, SEARCH_MARK),
        (f"search “{one}” (signed in)", search + urlencode({"q": one}), True, SEARCH_MARK),
        (f"search “{three}” (signed in)", search + urlencode({"q": three}), True, SEARCH_MARK),
    ]


def check(name, status, body, expected, signed_in):
    """Why the answer is not the page meant (None when it is)."""
    if status != 200:
        return f"{name}: status {status}"
    if expected not in body and not (expected == SEARCH_MARK and re.search(r"\d+ results? for", body)):
        return f"{name}: {expected!r} not in the page"
    if signed_in != (SIGNED_IN_MARK in body):
        return f"{name}: rendered {'anonymously' if signed_in else 'signed in'}"
    if expected == SEARCH_MARK and not int(re.search(r"(\d+) results? for", body).group(1)):
        return f"{name}: no results"
    return None


def count_queries(pages, student):
    """Each page's queries on a second visit, caches on and off (as the uncached server)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for mode, overrides in (("cached", {}), ("uncached", UNCACHED)):
        with override_settings(**overrides):
            anonymous, signed_in = Client(), Client()
            signed_in.force_login(student)
            for name, path, as_student, expected in pages:
                client = signed_in if as_student else anonymous
                client.get(path)  # warm caches, as a running server has them
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(path)
                problem = check(name, response.status_code, response.content.decode(), expected, as_student)
                if problem:
                    raise SystemExit(f"in-process check ({mode}): {problem}")
                counts.setdefault(name, {})[mode] = len(ctx.captured_queries)
    return counts


def session_cookie(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def prepare(name, full, out):
    started = time.monotonic()
    seeded = seed_demo() if name == "demo" else seed_synthetic(full)
    seconds = time.monotonic() - started
    pages = pages_of(seeded)
    student = seeded["student"]
    result = {
        "seeded_seconds": round(seconds, 1),
        "pages": [{"name": n, "path": p, "signed_in": s, "expected": e} for n, p, s, e in pages],
        "queries": count_queries(pages, student),
        "cookie": session_cookie(student),
        "misses": [  # (row, page whose publish renews, path, signed in)
            ("course", seeded["course"].pk, seeded["course"].url, False),
            ("course", seeded["enrolled course"].pk, seeded["enrolled course"].url, True),
            ("resource", seeded["resource"].pk, seeded["resource"].url, False),
            ("resource", seeded["resource"].pk, seeded["resource"].url, True),
        ],
    }
    Path(out).write_text(json.dumps(result, indent=2))


# --- A first visitor after a publish ---------------------------------------------------------
def first_visits(prepared, base, repeat):
    """For each (page, visitor): ``repeat`` times, renew what publishing the page renews (the
    same call the ``page_published`` receiver makes: ``caching.registry``), then time one
    GET on the cached server (the first visitor: a miss), then one more (warm)."""
    from harness import get
    from wagtail.models import Page

    from caching import registry, scopes

    cookie = prepared["cookie"]
    timings = {}
    for row, page_id, path, signed_in in prepared["misses"]:
        renews = registry.page_change_renews(Page.objects.get(pk=page_id).specific)
        cold, warm = [], []
        for _ in range(repeat):
            scopes.renew(*renews)  # outside a transaction: the tokens change now
            for times in (cold, warm):
                began = time.perf_counter()
                status, _body = get(base + path, cookie if signed_in else None)
                times.append((time.perf_counter() - began) * 1000)
                if status != 200:
                    raise SystemExit(f"first visit of {path}: status {status}")
        timings[f"{row} ({'signed in' if signed_in else 'anonymous'})"] = {"miss": cold, "warm": warm}
    return timings


def main():
    import django

    django.setup()
    command, *args = sys.argv[1:]
    if command == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    elif command == "prepare":
        full = "--full" in args
        name, out = [arg for arg in args if arg != "--full"]
        prepare(name, full, out)
    elif command == "misses":
        pages, base, repeat, out = args
        timings = first_visits(json.loads(Path(pages).read_text()), base, int(repeat))
        Path(out).write_text(json.dumps(timings))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main()
