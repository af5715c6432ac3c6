"""Site search benchmark: latency of the search page over 500 courses and 20,000 caption cues.

    .venv/bin/python bench/search.py [--repeat 15] [--postgres URL]

Builds a throw-away database (SQLite in a temporary folder; with ``--postgres`` also a new
PostgreSQL database beside the one the URL names, dropped at the end), seeds 500 published
courses (one section, two lessons each: 1,500 pages besides the courses) with summaries
and reading text, and 20,000 transcript cues (20 per lesson, through the same bulk path as
the background indexer: ``search.transcripts.add_cues``), then times the whole search page
(``/en/search/?q=…``: form, both searches, access marks, rendering; Django's test client
in this process, an enrolled student signed in) for a set of queries, each ``--repeat``
times after one warm-up. Prints median and p95 per query and over all, on each database,
and writes bench/results/search.json. Target: median under 300 ms on a 2-core machine.
"""

import argparse
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
QUERIES = [
    "photosynthesis",  # spoken in a few hundred lessons, in a few titles
    "river lesson",  # two words, both needed
    "volcano",  # common: spoken in thousands of cues
    "algebra course",  # in titles and summaries
    "zyxwvut",  # matches nothing
    "the",  # a stop word / everywhere
]
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


def run(database, repeat):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    student = seed()
    client = Client()
    client.force_login(student)
    results = {}
    for query in QUERIES:
        response = client.get("/en/search/", {"q": query})  # warm-up
        assert response.status_code == 200, response.status_code
        found = re.search(r"(\d+) results? for", response.content.decode())
        count = int(found.group(1)) if found else 0
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get("/en/search/", {"q": query})
            times.append((time.perf_counter() - started) * 1000)
        results[query] = {
            "results": count,
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
    every = [row["median_ms"] for row in results.values()]
    summary = {"database": database, "vendor": connection.vendor, "queries": results,
               "median_of_medians_ms": round(statistics.median(every), 1)}  # fmt: skip
    return summary


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
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms_site.settings.test"  # in-process jobs, no page cache
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(Path(workdir) / "media-private")  # the caption files
    os.environ.pop("REDIS_URL", None)


def child(database, database_url, repeat, out):
    """One database per process (Django's settings are read once)."""
    workdir = tempfile.mkdtemp(prefix="aula-bench-search-")
    configure(workdir, database_url or f"sqlite:///{workdir}/bench.sqlite3")
    try:
        summary = run(database, repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    Path(out).write_text(json.dumps(summary))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed searches per query (default 15)")
    parser.add_argument("--postgres", default="", help="also on PostgreSQL: a new database beside this URL's")
    parser.add_argument("--child", nargs=3, metavar=("DATABASE", "URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        database, url, out = args.child
        child(database, url if url != "-" else "", args.repeat, out)
        return

    import subprocess

    runs = [("SQLite", "-", None)]
    if args.postgres:
        runs.append(("PostgreSQL", None, args.postgres))
    summaries = []
    for database, url, postgres in runs:
        drop = None
        if postgres:
            url, drop = create_postgres_database(postgres)
        out = tempfile.mktemp(suffix=".json")
        try:
            command = [sys.executable, __file__, "--repeat", str(args.repeat), "--child", database, url, out]
            subprocess.run(command, check=True, cwd=BASE_DIR)
            summaries.append(json.loads(Path(out).read_text()))
        finally:
            if drop:
                drop()
    for summary in summaries:
        print(f"\n{summary['database']}: {COURSES} courses, {COURSES * LESSONS_PER_COURSE * CUES_PER_LESSON} cues")
        print(f"{'query':<18}{'results':>9}{'median ms':>11}{'p95 ms':>9}")
        for query, row in summary["queries"].items():
            print(f"{query:<18}{row['results']:>9}{row['median_ms']:>11}{row['p95_ms']:>9}")
        print(f"median of the medians: {summary['median_of_medians_ms']} ms (target < 300 ms)")
    results = BASE_DIR / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "search.json").write_text(json.dumps(summaries, indent=2))


if __name__ == "__main__":
    main()
