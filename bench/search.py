"""Site search benchmark: CPU time and queries of the search page, anonymous and signed in.

    .venv/bin/python bench/search.py [--repeat 15] [--postgres URL] [--data synthetic|demo|both] [--demo]

Builds a throw-away database (SQLite in a temporary folder; with ``--postgres`` also a new
PostgreSQL database beside the one the URL names, dropped at the end) with one data set:

- ``synthetic`` (the large site): 500 published courses (one section, two lessons each:
  1,500 pages besides the courses) with summaries and reading text, and 20,000 transcript
  cues (20 per lesson, through the same bulk path as the background indexer:
  ``search.transcripts.add_cues``); the signed-in visitor is enrolled in every tenth course;
- ``demo`` (``--demo``): ``manage.py seed_demo``; the signed-in visitor is the demo student.

Then it times the whole search page (``/en/search/?q=…``: form, both searches, access marks,
rendering; Django's test client in this process, DEBUG off, the caches on in memory) for an
anonymous and a signed-in visitor, a one-word and a three-word query, each ``--repeat``
times after two counted warm-ups (queries: the hits found afresh / kept in the shared
cache). Prints per combination the results, the queries, the median and p95 of the CPU
time of this process (``time.process_time``: Python, templates, the SQLite engine; not
PostgreSQL's server) and of the wall time, and writes bench/results/search.json. Target:
at most 20 ms CPU on the demo data, 40 ms on the synthetic one (the uncached course page's).
"""

import argparse
import io
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

COURSES, LESSONS_PER_COURSE, CUES_PER_LESSON = 500, 2, 20
TOPICS = ["photosynthesis", "volcano", "river", "delta", "algebra", "poetry", "circuits", "baroque", "glacier"]
WORDS = str.split(
    "we now look at how this works and why it matters for every student in the course today "
    "first second third example lesson notes practice question answer chapter review idea method "
    "energy water light plant stone music number story history market city science ocean forest"
)


def sentence(rng, topic):
    words = rng.choices(WORDS, k=rng.randint(6, 12))
    if rng.random() < 0.35:
        words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def seed():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.tests.factories import UserFactory
    from courses.learning.enrollment import enroll
    from courses.models import Enrollment
    from courses.tests import factories
    from search.models import TranscriptCue
    from search.transcripts import add_cues

    rng = random.Random(13)
    tracks = [factories.CaptionTrackFactory() for _ in range(10)]
    student = UserFactory(email="bench-search@example.com")
    cues = []
    started = time.perf_counter()
    for number in range(COURSES):
        topic = TOPICS[number % len(TOPICS)]
        course = factories.CoursePageFactory(
            parent=factories.catalog(),
            title=f"{topic.capitalize()} course {number}",
            slug=f"course-{number}",
            summary=sentence(rng, topic),
            price="0" if number % 3 else "20.00",
        )
        section = factories.SectionPageFactory(parent=course, title="Section 1")
        for lesson in range(LESSONS_PER_COURSE):
            resource = factories.ResourcePageFactory(
                parent=section,
                title=f"Lesson {lesson + 1} of {course.title}",
                free_preview=lesson == 0,
                body=[("rich_text", "<p>" + " ".join(sentence(rng, topic) for _ in range(5)) + "</p>")],
            )
            for position in range(CUES_PER_LESSON):
                cues.append(
                    TranscriptCue(
                        resource=resource, track=tracks[number % len(tracks)], locale_id=resource.locale_id,
                        language="en", position=position, start=position * 4.0, end=position * 4.0 + 3.5,
                        text=sentence(rng, topic),
                    )
                )  # fmt: skip
        if number % 10 == 0:
            enroll(student, course, Enrollment.Source.ADMIN)
    add_cues(cues)
    print(f"seeded {COURSES} courses, {len(cues)} cues in {time.perf_counter() - started:.0f} s", flush=True)
    return student


VISITORS = ("anonymous", "signed in")
# (data set) -> {"one word": query, "three words": query}: each finds lessons by their words
# (titles, text, spoken) and courses by their titles.
DATA_SETS = {
    "synthetic": {"one word": "volcano", "three words": "photosynthesis lesson notes"},
    "demo": {"one word": "course", "three words": "charts start zero"},
}


def seed_demo():
    """``manage.py seed_demo`` (background jobs run in this process: the captions are indexed);
    the signed-in visitor is the demo student (enrolled in the free course)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stdout=io.StringIO())
    print(f"seeded the demo data in {time.perf_counter() - started:.0f} s", flush=True)
    return get_user_model().objects.get(email="student@aula.test")


def measure(client, query, repeat):
    """``(results, "queries afresh/kept", [CPU ms], [wall ms])`` of ``repeat`` searches after
    two counted ones (the first finds the hits, the second reads them from the shared cache)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    counted = []
    for _ in range(2):  # warm-up: the hits found afresh, then kept
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/search/", {"q": query})
        counted.append(len(queries))  # now: the next request empties the log it reads
    assert response.status_code == 200, response.status_code
    found = re.search(r"(\d+) results? for", response.content.decode())
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get("/en/search/", {"q": query})
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return (int(found.group(1)) if found else 0), "/".join(map(str, counted)), cpu, wall


def run(data_set, database, repeat):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    assert not settings.DEBUG  # no query log, as in production
    student = seed_demo() if data_set == "demo" else seed()
    rows = []
    for visitor in VISITORS:
        client = Client()
        if visitor == "signed in":
            client.force_login(student)
        for words, query in DATA_SETS[data_set].items():
            count, queries, cpu, wall = measure(client, query, repeat)
            rows.append({
                "visitor": visitor, "words": words, "query": query, "results": count, "queries": queries,
                "cpu_ms": round(statistics.median(cpu), 1), "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
                "median_ms": round(statistics.median(wall), 1), "p95_ms": round(percentile(wall, 0.95), 1),
            })  # fmt: skip
    return {"data_set": data_set, "database": database, "vendor": connection.vendor, "rows": rows}


def create_postgres_database(url):
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"aula_bench_search_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")

    def drop():  # the child process that used it has ended
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return f"{base}/{name}", drop


def configure(workdir, database_url):
    # In-process background jobs (the captions are indexed as they are published), DEBUG off,
    # the caches on as in production (in this process's memory, without Redis).
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms_site.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)


def use_workdir(workdir):
    """The uploaded files (demo videos, caption files) in the throw-away folder."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(Path(workdir) / "media")
    settings.PRIVATE_MEDIA_ROOT = str(Path(workdir) / "media-private")


def child(data_set, database, database_url, repeat, out):
    """One database per process (Django's settings are read once)."""
    workdir = tempfile.mkdtemp(prefix="aula-bench-search-")
    configure(workdir, database_url or f"sqlite:///{workdir}/bench.sqlite3")
    use_workdir(workdir)
    try:
        summary = run(data_set, database, repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    Path(out).write_text(json.dumps(summary))


def report(summary):
    print(f"\n{summary['database']}, {summary['data_set']} data" + (
        f" ({COURSES} courses, {COURSES * LESSONS_PER_COURSE * CUES_PER_LESSON} cues)"
        if summary["data_set"] == "synthetic" else ""
    ))  # fmt: skip
    print(f"{'visitor':<11}{'query':<30}{'results':>8}{'queries':>9}{'CPU ms':>8}{'p95':>7}{'wall ms':>9}{'p95':>7}")
    for row in summary["rows"]:
        print(
            f"{row['visitor']:<11}{row['query']:<30}{row['results']:>8}{row['queries']:>9}"
            f"{row['cpu_ms']:>8}{row['cpu_p95_ms']:>7}{row['median_ms']:>9}{row['p95_ms']:>7}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed searches per query (default 15)")
    parser.add_argument("--postgres", default="", help="also on PostgreSQL: a new database beside this URL's")
    parser.add_argument("--data", choices=["synthetic", "demo", "both"], default="synthetic", help="the data set")
    parser.add_argument("--demo", action="store_const", const="demo", dest="data", help="= --data demo")
    parser.add_argument("--child", nargs=4, metavar=("DATA", "DATABASE", "URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        data_set, database, url, out = args.child
        child(data_set, database, url if url != "-" else "", args.repeat, out)
        return

    import subprocess

    data_sets = ["synthetic", "demo"] if args.data == "both" else [args.data]
    databases = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    summaries = []
    for data_set in data_sets:
        for database, postgres in databases:
            url, drop = ("-", None) if postgres is None else create_postgres_database(postgres)
            out = tempfile.mktemp(suffix=".json")
            try:
                command = [
                    sys.executable,
                    __file__,
                    "--repeat",
                    str(args.repeat),
                    "--child",
                    data_set,
                    database,
                    url,
                    out,
                ]
                subprocess.run(command, check=True, cwd=BASE_DIR)
                summaries.append(json.loads(Path(out).read_text()))
            finally:
                if drop:
                    drop()
    for summary in summaries:
        report(summary)
    results = BASE_DIR / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "search.json").write_text(json.dumps(summaries, indent=2))


if __name__ == "__main__":
    main()
