"""CPU time, queries and Python calls of each bench page, measured in the process: the
figures that do not move with the machine's load (calls, queries) beside CPU time
(``time.process_time``, which a busy machine inflates less than wall time).

    DJANGO_SETTINGS_MODULE=settings_production|settings_uncached PYTHONPATH=.:bench \\
        .venv/bin/python bench/profile_pages.py [--requests 40] [--pages home,course] \\
        [--profile PAGE [--sort tottime] [--lines 40]] [--json OUT]

The database is the one the settings name (seeded with ``bench/datasets.py`` and
``seed_demo``, as ``make bench`` does); the environment is the bench's (``aula_env`` in
courses_pages.py). Each request goes through the bench's WSGI application
(``aula_wsgi.application``: production's middleware, the trivial view), the answer read
and closed as a server does. Each page is asked three times first (warm caches, as a
running server has them), then ``--requests`` times: the median and the lowest CPU ms of
one request are printed, with the queries of one request and its Python function calls
(cProfile's count, exact from run to run). ``--profile`` prints cProfile's table for one page.
"""

import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.append(str(BENCH_DIR))  # after the site: bench/certificates.py is no app

from aula_wsgi import application  # noqa: E402  (sets Django up)

WHERE = ""  # --where: print the stack of the queries containing this text


def pages():
    """[(name, path, signed in)], the demo data's pages as ``datasets.seed_demo`` names them."""
    from wagtail.models import Locale

    from courses.models import CourseIndexPage, CoursePage, ResourcePage

    locale = Locale.get_default()
    enrolled = CoursePage.objects.get(slug="python-from-scratch", locale=locale)
    paid = CoursePage.objects.get(slug="data-visualisation", locale=locale)
    welcome = ResourcePage.objects.descendant_of(enrolled).get(title="Welcome")
    catalog = CourseIndexPage.objects.get(locale=locale)
    return [
        ("trivial", "/bench/trivial/", False),
        ("home", catalog.get_parent().url, False),
        ("catalog", catalog.url, False),
        ("course", paid.url, False),
        ("section", welcome.get_parent().url, False),
        ("preview", welcome.url, False),
        ("course-enrolled", enrolled.url, True),
        ("resource-enrolled", welcome.url, True),
        ("dashboard", "/en/dashboard/", True),
        ("search", "/en/search/?q=python", False),
    ]


def session_cookie():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email="student@aula.test"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def environ(path, cookie):
    from django.test import RequestFactory

    path, _, query = path.partition("?")
    env = RequestFactory()._base_environ(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")
    env["HTTP_HOST"] = "127.0.0.1"
    env["HTTP_ACCEPT_ENCODING"] = "gzip, deflate"
    env["HTTP_ACCEPT_LANGUAGE"] = "en"
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def request(path, cookie):
    status = []
    body = application(environ(path, cookie), lambda s, headers, *_: status.append(s))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return status[0]


def measure(name, path, cookie, count):
    from django.db import connection

    for _ in range(3):
        status = request(path, cookie)
        if not status.startswith("200"):
            raise SystemExit(f"{name}: {status}")
    times = []
    for _ in range(count):
        began = time.process_time()
        request(path, cookie)
        times.append((time.process_time() - began) * 1000)
    sql = []  # an execute wrapper: Django empties connection.queries at each request's start

    def note(execute, query, params, many, context):
        sql.append(query)
        if WHERE and WHERE in query:
            root = str(BENCH_DIR.parent)
            stack = [f"{f.filename.replace(root, '')}:{f.lineno} {f.name}" for f in traceback.extract_stack()]
            print("  query from:", " < ".join(s for s in reversed(stack) if "site-packages/django/" not in s)[:1500])
        return execute(query, params, many, context)

    with connection.execute_wrapper(note):
        request(path, cookie)
    profile = cProfile.Profile()
    profile.runcall(request, path, cookie)
    calls = pstats.Stats(profile).total_calls
    return {
        "cpu_ms_median": round(statistics.median(times), 2),
        "cpu_ms_min": round(min(times), 2),
        "queries": len(sql),
        "calls": calls,
        "sql": sql,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--pages", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--json", default="")
    parser.add_argument("--where", default="", help="print where each query containing this text comes from")
    args = parser.parse_args()
    global WHERE  # noqa: PLW0603
    WHERE = args.where
    cookie = session_cookie()
    wanted = set(filter(None, args.pages.split(",")))
    results = {}
    for name, path, signed_in in pages():
        if wanted and name not in wanted:
            continue
        own_cookie = cookie if signed_in else None
        results[name] = figures = measure(name, path, own_cookie, args.requests)
        print(
            f"{name:20} {figures['cpu_ms_median']:7.2f} ms (min {figures['cpu_ms_min']:6.2f})"
            f" {figures['queries']:3} queries {figures['calls']:8,} calls",
            flush=True,
        )
        if args.sql:
            for sql in figures["sql"]:
                print("    ", re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql)[:400])
        if args.profile == name:
            profile = cProfile.Profile()
            for _ in range(5):
                profile.runcall(request, path, own_cookie)
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.lines)
            print(out.getvalue())
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
