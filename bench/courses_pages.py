"""Course pages benchmark: queries and requests/second under gunicorn (2 workers).

    .venv/bin/python bench/courses_pages.py [--seconds 5] [--clients 8] [--postgres URL --redis URL] [--full]

Builds a throw-away database (SQLite in a temporary folder, or with ``--postgres`` a new
PostgreSQL database next to the one the URL names, and then ``--redis`` for the caches),
seeds one course with 20 sections × 10 resources (200 resources), a few more courses for
the catalog and an enrolled student, then:

1. counts the database queries of each page as rendered (Django's test client, in this
   process, the anonymous page cache off so the count is the page's own);
2. starts gunicorn with 2 sync workers on 127.0.0.1 and measures requests/second for the
   anonymous pages (home, catalog, course, section, free-preview resource: served by the
   anonymous page cache), the enrolled student's course and resource pages and dashboard,
   and a trivial Django view (``/bench/trivial/``, a plain HttpResponse through the same
   middleware) in the same run; the ratio page/trivial is the number that travels
   between machines. ``wrk`` drives the load when installed (Debian package ``wrk``),
   otherwise a Python loop does (slower: it caps what it can measure).

``--full`` seeds a large site instead (``make bench-full``, on PostgreSQL + Redis): 1,000
courses in the catalog, the measured course with 300 resources, 10,000 students enrolled
in it and 100,000 completions, and reports p50/p95 latency next to requests/second.

Only 127.0.0.1 is contacted; every loop is bounded in time. Results are printed and
written to bench/results/courses_pages.json.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SECTIONS, RESOURCES_PER_SECTION = 20, 10
# --full: the large site.
FULL_SECTIONS, FULL_COURSES, FULL_STUDENTS, FULL_COMPLETIONS_EACH = 30, 1000, 10_000, 10


def configure_environment(workdir, database_url, redis_url):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms_site.settings.dev")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
        os.environ["CACHE_KEY_PREFIX"] = f"aula-bench-{os.getpid()}"
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ["PAGE_CACHE_DIR"] = str(Path(workdir) / "page-cache")
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["STATIC_ROOT"] = str(Path(workdir) / "static")  # whitenoise wants it to exist
    (Path(workdir) / "static").mkdir(exist_ok=True)
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["LOG_LEVEL"] = "WARNING"


# --- Used by gunicorn: this module is also the WSGI application and its URLconf. -------
def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def _wsgi():
    import django
    from django.conf import settings
    from django.urls import path

    django.setup()
    from lms_site.urls import urlpatterns as site_urlpatterns

    globals()["urlpatterns"] = [path("bench/trivial/", trivial), *site_urlpatterns]
    settings.ROOT_URLCONF = __name__
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


if __name__ != "__main__" and os.environ.get("AULA_BENCH_WSGI"):
    application = _wsgi()


# --- The benchmark -----------------------------------------------------------------------
def seed(full=False):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
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
    from courses.models import ResourcePage

    resource = ResourcePage.objects.descendant_of(big).order_by("path")[150]
    resource.free_preview = True
    resource.body = [
        ("rich_text", "<h2>Notes</h2><p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>"),
        ("markdown", "## More\n\n- one\n- two\n- **three**"),
    ]
    resource.save_revision().publish()

    from accounts.tests.factories import UserFactory
    from courses.learning.enrollment import enroll
    from courses.models import Enrollment

    student = UserFactory(email="bench-student@example.com")
    enroll(student, big, Enrollment.Source.FREE)
    if full:
        seed_students(big)
    section = big.get_children().first()
    anonymous = {
        "home": catalog.get_parent().url,
        "catalog": catalog.url,
        "course": big.url,
        "section": section.url,
        "preview": resource.url,
    }
    signed_in = {"course (enrolled)": big.url, "resource (enrolled)": resource.url, "dashboard": "/en/dashboard/"}
    return anonymous, signed_in, student


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


def count_queries(paths, user=None):
    """Each page's queries on a second visit. Anonymous pages are counted with the page
    cache off (a cached page costs none): the count is what rendering them costs."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    counts = {}
    page_cache = {} if user is not None else {"AULA_PAGE_CACHE_SECONDS": 0}
    with override_settings(**page_cache):
        for name, path in paths.items():
            client.get(path)  # warm caches, as a running server has them
            with CaptureQueriesContext(connection) as ctx:
                status = client.get(path).status_code
            assert status == 200, (name, status)
            counts[name] = len(ctx.captured_queries)
    return counts


def session_cookie(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, config, **extra_env):
    """``config`` "sync": 2 plain sync workers; "repo": the repository's gunicorn.conf.py."""
    env = {**os.environ, "AULA_BENCH_WSGI": "1", "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESSLOG": ""}
    env.update(extra_env)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    if config == "repo":
        options = ["-c", str(BASE_DIR / "gunicorn.conf.py")]
    else:
        options = ["--workers", "2", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [gunicorn, *options, "--log-level", "warning",
         "--pythonpath", f"{BASE_DIR},{BASE_DIR / 'bench'}", "courses_pages:application"],
        env=env, cwd=os.environ["MEDIA_ROOT"].rsplit("/", 1)[0],  # not the repository: no gunicorn.conf.py
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def measure(url, seconds, clients, cookie=None):
    """(requests/second, errors, p50 ms, p95 ms) with ``clients`` concurrent connections,
    for ``seconds`` seconds."""
    if shutil.which("wrk"):
        return measure_with_wrk(url, seconds, clients, cookie)
    headers = {"Cookie": cookie} if cookie else {}
    done = [0] * clients
    errors = [0] * clients
    latencies = [[] for _ in range(clients)]
    stop = time.monotonic() + seconds

    def loop(i):
        while time.monotonic() < stop:
            began = time.monotonic()
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
                    response.read()
                    done[i] += response.status == 200
                latencies[i].append((time.monotonic() - began) * 1000)
            except OSError:
                errors[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    samples = sorted(ms for per_client in latencies for ms in per_client) or [0.0]
    p50, p95 = samples[len(samples) // 2], samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return sum(done) / elapsed, sum(errors), p50, p95


def measure_with_wrk(url, seconds, clients, cookie):
    script = str(BASE_DIR / "bench" / "latency.lua")
    command = ["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "-s", script, url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    latency = re.search(r"AULA-LATENCY p50=(\d+) p95=(\d+)", output)
    return rps, failed, int(latency.group(1)) / 1000, int(latency.group(2)) / 1000


def create_postgres_database(url):
    """A new database beside the one ``url`` names; returns its URL and a function that drops it."""
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"aula_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return f"{base}/{name}", drop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per page (default 5)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median counts (default 3)")
    parser.add_argument(
        "--config", choices=["sync", "repo"], default="sync", help="2 sync workers, or the repo's gunicorn.conf.py"
    )
    parser.add_argument(
        "--now-lms", action="store_true", help="also start NOW-LMS 2.0.4 (bench/now_lms.py) and measure it alike"
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (a new database is made beside it)")
    parser.add_argument("--redis", default="", help="a Redis URL for the caches (with --postgres)")
    parser.add_argument("--full", action="store_true", help="the large site (1,000 courses, 10,000 students...)")
    parser.add_argument(
        "--personal-cache-off",
        action="store_true",
        help="also measure the signed-in pages on a second server with the personal cache off (PERSONAL_CACHE=false)",
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="aula-bench-")
    database_url, drop_database = create_postgres_database(args.postgres) if args.postgres else ("", None)
    configure_environment(workdir, database_url, args.redis)
    import django

    django.setup()
    seeding = time.monotonic()
    anonymous, signed_in, student = seed(full=args.full)
    print(f"seeded in {time.monotonic() - seeding:.0f} s", flush=True)
    queries = {**count_queries(anonymous), **count_queries(signed_in, user=student)}
    cookie = session_cookie(student)
    from django.db import connections

    connections.close_all()

    port = args.port or free_port()
    process = start_gunicorn(port, args.config)
    other = None
    without_personal = None
    try:
        base = f"http://127.0.0.1:{port}"
        pages = [("trivial", base + "/bench/trivial/", None)]
        pages += [(name, base + path, None) for name, path in anonymous.items()]
        pages += [(name, base + path, cookie) for name, path in signed_in.items()]
        if args.personal_cache_off:  # the same pages, same database and Redis, the personal cache off
            off_port = free_port()
            without_personal = start_gunicorn(off_port, args.config, PERSONAL_CACHE="false")
            off_base = f"http://127.0.0.1:{off_port}"
            pages += [(f"{name} (personal cache off)", off_base + path, cookie) for name, path in signed_in.items()]
        if args.now_lms:  # the same machine, alternating with Aula's pages
            import now_lms

            now_lms.install()
            other_port = free_port()
            other, other_pages = now_lms.start(Path(workdir) / "now-lms", other_port)
            other_base = f"http://127.0.0.1:{other_port}"
            pages += [(f"NOW-LMS {name}", other_base + path, c) for name, (path, c) in other_pages.items()]
        for _name, url, page_cookie in pages:  # warm every worker up (imports, caches)
            measure(url, 1, args.clients, page_cookie)
        runs = {name: [] for name, _, _ in pages}
        for _ in range(args.rounds):  # alternating rounds: a slow moment hits every page alike
            for name, url, page_cookie in pages:
                runs[name].append(measure(url, args.seconds, args.clients, page_cookie))
        trivial_rps = statistics.median(run[0] for run in runs["trivial"])
        results = {}
        for name, _, _ in pages:
            rps = statistics.median(run[0] for run in runs[name])
            results[name] = {
                "rps": round(rps, 1),
                "p50_ms": round(statistics.median(run[2] for run in runs[name]), 1),
                "p95_ms": round(statistics.median(run[3] for run in runs[name]), 1),
                "queries": queries.get(name, 0),
                "ratio": round(rps / trivial_rps, 3) if trivial_rps else None,
                "errors": sum(run[1] for run in runs[name]),
            }
        for name in list(results):
            off = results.get(f"{name} (personal cache off)")
            if off and off["rps"]:
                results[name]["personal cache gain"] = round(results[name]["rps"] / off["rps"] - 1, 3)
            rival = results.get(f"NOW-LMS {name}")
            if rival and rival["rps"]:
                results[name]["vs NOW-LMS"] = round(results[name]["rps"] / rival["rps"], 2)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if without_personal is not None:
            without_personal.terminate()
            without_personal.wait(timeout=30)
        if other is not None:
            now_lms.stop(other)
        if drop_database:
            drop_database()
        shutil.rmtree(workdir, ignore_errors=True)

    database = "PostgreSQL + Redis" if args.postgres else "SQLite"
    workers = "gunicorn.conf.py" if args.config == "repo" else "2 sync workers"
    setup = f"gunicorn {workers}, {args.clients} connections, median of {args.rounds} × {args.seconds:g} s"
    size = "large site (1,000 courses, 10,000 students, 100,000 completions)" if args.full else "quick site"
    print(f"{database}, {size}, {setup}")
    print(
        f"{'page':<30} {'queries':>8} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'vs trivial':>11} {'vs NOW-LMS':>11}"
        f" {'errors':>7}"
    )
    for name, row in results.items():
        if "personal cache gain" in row:
            print(f"  personal cache gain on {name}: {row['personal cache gain']:+.0%} requests/s")
    for name, row in results.items():
        rival = row.get("vs NOW-LMS", "")
        print(
            f"{name:<30} {row['queries']:>8} {row['rps']:>8} {row['p50_ms']:>7} {row['p95_ms']:>7} {row['ratio']:>11}"
            f" {rival:>11} {row['errors']:>7}"
        )
    out = BASE_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    name = f"courses_pages-{'postgres' if args.postgres else 'sqlite'}-{args.config}{'-full' if args.full else ''}"
    resources = (FULL_SECTIONS if args.full else SECTIONS) * RESOURCES_PER_SECTION
    (out / f"{name}.json").write_text(json.dumps(
        {"database": database, "full": args.full, "resources": resources, "workers": 2,
         "clients": args.clients, "seconds": args.seconds, "results": results}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
