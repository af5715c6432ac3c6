"""Course pages benchmark: queries and requests/second under gunicorn (2 workers).

    .venv/bin/python bench/courses_pages.py [--seconds 5] [--clients 4]

Builds a throw-away SQLite database in a temporary folder, seeds one course with 20
sections × 10 resources (200 resources) plus a few more courses for the catalog, then:

1. counts the database queries of the catalog, course and resource pages (Django's test
   client, in this process);
2. starts gunicorn with 2 sync workers on 127.0.0.1 and measures requests/second for
   those pages and for a trivial Django view (``/bench/trivial/``, a plain HttpResponse
   through the same middleware) in the same run; the ratio page/trivial is the number
   that travels between machines.

Only 127.0.0.1 is contacted; every loop is bounded in time. Results are printed and
written to bench/results/courses_pages.json.
"""

import argparse
import json
import os
import shutil
import socket
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


def configure_environment(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms_site.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
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
def seed():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from courses.tests import factories

    catalog = factories.catalog()
    big = factories.build_course(
        sections=SECTIONS, resources_per_section=RESOURCES_PER_SECTION, title="Big course", slug="big-course", price=0
    )
    for n in range(11):
        factories.build_course(sections=2, resources_per_section=3, title=f"Course {n}", slug=f"course-{n}")
    from courses.models import ResourcePage

    resource = ResourcePage.objects.descendant_of(big).order_by("path")[150]
    resource.free_preview = True
    resource.body = [
        ("rich_text", "<h2>Notes</h2><p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>"),
        ("markdown", "## More\n\n- one\n- two\n- **three**"),
    ]
    resource.save_revision().publish()
    return {"catalog": catalog.url, "course": big.url, "resource": resource.url}


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path)  # warm caches, as a running server has them
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path).status_code
        assert status == 200, (name, status)
        counts[name] = len(ctx.captured_queries)
    return counts


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port):
    env = {**os.environ, "AULA_BENCH_WSGI": "1"}
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
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


def measure(url, seconds, clients):
    """Requests/second with ``clients`` concurrent loops, for ``seconds`` seconds."""
    done = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def loop(i):
        while time.monotonic() < stop:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    done[i] += response.status == 200
            except OSError:
                errors[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return sum(done) / elapsed, sum(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per page (default 5)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client loops (default 4)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="aula-bench-")
    configure_environment(workdir)
    import django

    django.setup()
    paths = seed()
    queries = count_queries(paths)

    port = args.port or free_port()
    process = start_gunicorn(port)
    try:
        base = f"http://127.0.0.1:{port}"
        trivial_rps, _ = measure(base + "/bench/trivial/", args.seconds, args.clients)
        results = {"trivial": {"rps": round(trivial_rps, 1), "queries": 0, "ratio": 1.0}}
        for name, path in paths.items():
            rps, errors = measure(base + path, args.seconds, args.clients)
            results[name] = {
                "rps": round(rps, 1),
                "queries": queries[name],
                "ratio": round(rps / trivial_rps, 3) if trivial_rps else None,
                "errors": errors,
            }
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{'page':<10} {'queries':>8} {'req/s':>8} {'vs trivial':>11}")
    for name, row in results.items():
        print(f"{name:<10} {row['queries']:>8} {row['rps']:>8} {row['ratio']:>11}")
    out = BASE_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "courses_pages.json").write_text(json.dumps(
        {"resources": SECTIONS * RESOURCES_PER_SECTION, "workers": 2, "clients": args.clients,
         "seconds": args.seconds, "results": results}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
