"""Assessments load test: 300 students start, autosave and submit an attempt at once.

    .venv/bin/python bench/assessments_load.py [--students 300] [--concurrency 12]

Needs PostgreSQL and Redis on 127.0.0.1 (as CI has them). It uses a database of its own,
``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/aula_bench_assessments``,
dropped and created again on every run) and the Redis database ``BENCH_REDIS_URL``
(default ``redis://127.0.0.1:6379/5``, flushed), then:

1. seeds one course whose graded resource holds an evaluation of 10 questions (single and
   multiple choice, true/false, short text, numeric; 30-minute limit, 3 attempts) and
   enrolls ``--students`` students, each with a pre-made session (no password hashing in
   the measured run);
2. counts the database queries of each step in this process (Django's test client);
3. runs gunicorn with 2 sync workers and the production settings
   (``lms_site.settings.production``: whitenoise manifest storage, Redis cache and
   sessions, CSP, ``DEBUG=False``; only TLS redirection is off, there is no proxy);
4. lets ``--concurrency`` client threads play the students, each one: the resource page
   (GET), start (POST), the attempt page (GET), 10 autosaves (POST, JSON, CSRF header),
   submit (POST) and the result page (GET), like the browser does — cookies and CSRF tokens
   read from the responses.

Before the students, ``/healthz`` is timed at the same concurrency (one query, one cache
read, no template): what the machine gives any request at that moment, to read the run
against on a shared machine. It reports throughput (requests/s, attempts/s), p50/p95/max
latency per step and the error count (any status other than the expected one, or a failed connection), prints them, and
writes bench/results/assessments_load.json. Only 127.0.0.1 is contacted; the run is bounded
(``--timeout`` seconds per request, every student does a fixed number of requests).
"""

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/aula_bench_assessments"
DEFAULT_REDIS = "redis://127.0.0.1:6379/5"
STEPS = ["resource", "start", "attempt", "autosave", "submit", "result"]
TARGET_P95_MS = 500


def configure_environment(workdir, database_url, redis_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms_site.settings.production"
    os.environ["SECRET_KEY"] = "bench-" + os.urandom(24).hex()
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ["CACHE_KEY_PREFIX"] = "aula-bench"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # no TLS proxy in front of gunicorn here
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(Path(workdir) / "media-private")
    os.environ["STATIC_ROOT"] = str(Path(workdir) / "static")
    os.environ["LOG_LEVEL"] = "WARNING"


def recreate_database(database_url):
    """Drop and create the bench's own database (never another one: its name must say bench)."""
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the bench database's name must contain 'bench'")
    admin_url = urllib.parse.urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# --- Seed data ---------------------------------------------------------------------------
def _choice(choice_id, text, correct=False):
    return {"type": "item", "id": choice_id, "value": {"text": text, "correct": correct}}


def _question(kind, question_id, text, **fields):
    return {"type": kind, "id": question_id, "value": {"text": text, "points": "1", "explanation": "", **fields}}


QUESTIONS = [
    _question("single_choice", "q1", "Closest planet to the Sun?",
              choices=[_choice("q1-a", "Mercury", True), _choice("q1-b", "Venus"), _choice("q1-c", "Mars")]),
    _question("single_choice", "q2", "Largest planet?",
              choices=[_choice("q2-a", "Saturn"), _choice("q2-b", "Jupiter", True), _choice("q2-c", "Neptune")]),
    _question("single_choice", "q3", "Planet with the Great Red Spot?",
              choices=[_choice("q3-a", "Jupiter", True), _choice("q3-b", "Uranus")]),
    _question("multiple_choice", "q4", "Gas giants?", scoring="partial",
              choices=[_choice("q4-a", "Jupiter", True), _choice("q4-b", "Saturn", True), _choice("q4-c", "Earth")]),
    _question("multiple_choice", "q5", "Rocky planets?", scoring="all_or_nothing",
              choices=[_choice("q5-a", "Mars", True), _choice("q5-b", "Venus", True), _choice("q5-c", "Uranus")]),
    _question("true_false", "q6", "The Moon orbits the Earth.", answer="true"),
    _question("true_false", "q7", "Pluto is a planet.", answer="false"),
    _question("short_text", "q8", "Name the red planet.",
              accepted_answers=[{"type": "item", "id": "q8-a", "value": "Mars"}]),
    _question("short_text", "q9", "Name our star.",
              accepted_answers=[{"type": "item", "id": "q9-a", "value": "The Sun"},
                                {"type": "item", "id": "q9-b", "value": "Sun"}]),
    _question("numeric", "q10", "Planets in the Solar System?", value="8", tolerance="0"),
]  # fmt: skip

# What the simulated students answer: mostly right (most pass), some wrong.
ANSWERS = [
    ("q1", "q1-a"), ("q2", "q2-b"), ("q3", "q3-b"), ("q4", ["q4-a", "q4-b"]), ("q5", ["q5-a"]),
    ("q6", "true"), ("q7", "false"), ("q8", "mars"), ("q9", "the  sun"), ("q10", "8"),
]  # fmt: skip


def evaluation_body():
    value = {
        "title": "Solar System quiz", "instructions": "Answer every question.", "pass_mark": 60,
        "max_attempts": 3, "time_limit": 30, "questions_per_attempt": 0, "shuffle_questions": False,
        "shuffle_choices": True, "show_answers": "after_each_attempt", "available_from": None,
        "available_until": None, "questions": QUESTIONS,
    }  # fmt: skip
    return json.dumps([{"type": "evaluation", "id": "bench-evaluation", "value": value}])


def seed(students):
    """The course, its evaluation, the students (enrolled) and their sessions."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    from accounts.models import User
    from courses.learning.enrollment import Source, enroll
    from courses.models import ResourcePage
    from courses.tests import factories

    factories.catalog()
    course = factories.build_course(
        title="Astronomy", slug="astronomy", price=0, sections=2, resources_per_section=5, free_preview_first=False
    )
    quiz = ResourcePage.objects.descendant_of(course).order_by("path").last()
    quiz.title = "Solar System quiz"
    quiz.body = evaluation_body()
    factories.publish(quiz)

    password = make_password(None)  # unusable: the students come with a session
    User.objects.bulk_create(
        [
            User(email=f"student{n}@bench.test", display_name=f"Student {n}", password=password)
            for n in range(students + 1)
        ]
    )
    users = list(User.objects.filter(email__endswith="@bench.test").order_by("pk"))
    engine = import_module(settings.SESSION_ENGINE)
    sessions = []
    for user in users:
        enroll(user, course, Source.FREE)
        session = engine.SessionStore()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                        HASH_SESSION_KEY: user.get_session_auth_hash()})  # fmt: skip
        session.save()
        sessions.append(session.session_key)
    return quiz, users, sessions


# --- Queries per step (in this process) --------------------------------------------------
def count_queries(quiz, user):
    """Each step's queries, for the spare student (not one of the simulated ones)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from assessments.models import Attempt

    client = Client()
    client.force_login(user)
    client.get(quiz.url)  # warm per-process caches, as a running server has them
    counts = {}

    def step(name, method, *args, **kwargs):
        with CaptureQueriesContext(connection) as ctx:
            response = getattr(client, method)(*args, **kwargs)
        assert response.status_code in (200, 302), (name, response.status_code)
        counts.setdefault(name, []).append(len(ctx.captured_queries))

    step("resource", "get", quiz.url)
    step("start", "post", reverse("assessment_start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=user)
    step("attempt", "get", reverse("assessment_attempt", args=[attempt.pk]))
    for question, response in ANSWERS:
        body = json.dumps({"question": question, "response": response})
        step(
            "autosave", "post", reverse("assessment_autosave", args=[attempt.pk]), body, content_type="application/json"
        )
    step("submit", "post", reverse("assessment_submit", args=[attempt.pk]))
    step("result", "get", reverse("assessment_result", args=[attempt.pk]))
    return {name: max(values) for name, values in counts.items()} | {
        "autosave (first, last)": [counts["autosave"][0], counts["autosave"][-1]]
    }


# --- The server --------------------------------------------------------------------------
def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, workdir):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [gunicorn, "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--pythonpath", str(BASE_DIR), "lms_site.wsgi"],
        env=dict(os.environ), cwd=workdir,  # not the repository: its gunicorn.conf.py is for production hosts
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


# --- The simulated students --------------------------------------------------------------
class Student:
    """One browser: a keep-alive connection, its cookies, the CSRF token of the last form."""

    def __init__(self, port, session_key, timeout, record):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies = {"sessionid": session_key}
        self.record = record

    def request(self, step, method, path, expected, body=None, headers=None):
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   **(headers or {})}  # fmt: skip
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.record(step, time.perf_counter() - started, f"{type(error).__name__}")
            self.connection.close()
            return None, b""
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.record(step, elapsed, None if response.status == expected else f"HTTP {response.status}")
        return response, content

    def form_post(self, step, path, fields, token):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})
        return self.request(step, "POST", path, 302, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def take(self, resource_path):
        """The whole attempt; returns whether every step answered as expected."""
        _, page = self.request("resource", "GET", resource_path, 200)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        start = re.search(rb'action="([^"]+/evaluation/start/)"', page)
        if not (found and start):
            return False
        token = found.group(1).decode()
        response, _ = self.form_post("start", start.group(1).decode(), {}, token)
        if response is None or response.status != 302:
            return False
        attempt_path = urllib.parse.urlparse(response.getheader("Location")).path
        _, page = self.request("attempt", "GET", attempt_path, 200)
        autosave = re.search(rb'data-autosave-url="([^"]+)"', page)
        csrf = re.search(rb'data-csrf="([^"]+)"', page)
        if not (autosave and csrf):
            return False
        token = csrf.group(1).decode()
        ok = True
        for question, answer in ANSWERS:
            response, content = self.request(
                "autosave", "POST", autosave.group(1).decode(), 200,
                json.dumps({"question": question, "response": answer}),
                {"Content-Type": "application/json", "X-CSRFToken": token},
            )  # fmt: skip
            ok = ok and response is not None and response.status == 200 and b'"saved": true' in content
        response, _ = self.form_post("submit", attempt_path + "submit/", {}, token)
        if response is None or response.status != 302:
            return False
        result_path = urllib.parse.urlparse(response.getheader("Location")).path
        response, _ = self.request("result", "GET", result_path, 200)
        return ok and response is not None and response.status == 200


def run_load(port, resource_path, sessions, concurrency, timeout):
    timings = {step: [] for step in STEPS}
    errors = []
    lock = threading.Lock()

    def record(step, seconds, error):
        with lock:
            timings[step].append(seconds)
            if error:
                errors.append((step, error))

    todo = queue.Queue()
    for session in sessions:
        todo.put(session)
    finished = []

    def worker():
        while True:
            try:
                session = todo.get_nowait()
            except queue.Empty:
                return
            student = Student(port, session, timeout, record)
            if student.take(resource_path):
                with lock:
                    finished.append(session)
            student.connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, timings, errors, len(finished)


def baseline(port, concurrency, timeout, requests=400):
    """Latencies of ``/healthz`` (one query, one cache read, no template) at the same
    concurrency: what this machine gives any request right now, to read the run against."""
    timings, errors, lock = [], [], threading.Lock()
    per_thread = max(1, requests // concurrency)

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        for _ in range(per_thread):
            started = time.perf_counter()
            try:
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            with lock:
                timings.append(time.perf_counter() - started)
                errors.extend([] if ok else [1])
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(timings), 1),
        "p95_ms": round(1000 * percentile(timings, 0.95), 1),
        "errors": len(errors),
    }


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summarize(elapsed, timings, errors, finished, students):
    requests = sum(len(values) for values in timings.values())
    every = [seconds for values in timings.values() for seconds in values]
    steps = {
        step: {
            "requests": len(values),
            "p50_ms": round(1000 * statistics.median(values), 1) if values else None,
            "p95_ms": round(1000 * percentile(values, 0.95), 1) if values else None,
            "max_ms": round(1000 * max(values), 1) if values else None,
        }
        for step, values in timings.items()
    }
    return {
        "students": students,
        "attempts_completed": finished,
        "seconds": round(elapsed, 1),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "attempts_per_second": round(finished / elapsed, 2),
        "p50_ms": round(1000 * statistics.median(every), 1) if every else None,
        "p95_ms": round(1000 * percentile(every, 0.95), 1) if every else None,
        "errors": len(errors),
        "error_samples": sorted({f"{step}: {error}" for step, error in errors})[:10],
        "steps": steps,
    }


def check_database(students):
    from assessments.models import Answer, Attempt

    return {
        "attempts": Attempt.objects.count(),
        "graded": Attempt.objects.filter(status="graded").count(),
        "passed": Attempt.objects.filter(passed=True).count(),
        "answers": Answer.objects.count(),
        "expected_answers": 10 * students,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=12, help="simultaneous students (default 12)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request before it counts as an error")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    workdir = tempfile.mkdtemp(prefix="aula-bench-assessments-")
    configure_environment(workdir, database_url, os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    recreate_database(database_url)
    import django

    django.setup()
    print(f"seeding {args.students} students…", flush=True)
    quiz, users, sessions = seed(args.students)
    queries = count_queries(quiz, users[-1])  # the spare student
    from django.db import connections

    connections.close_all()

    port = args.port or free_port()
    process = start_gunicorn(port, workdir)
    try:
        calibration = baseline(port, args.concurrency, args.timeout)
        print(f"{args.students} students, {args.concurrency} at a time…", flush=True)
        elapsed, timings, errors, finished = run_load(port, quiz.url, sessions[:-1], args.concurrency, args.timeout)
    finally:
        process.terminate()
        process.wait(timeout=30)
    summary = summarize(elapsed, timings, errors, finished, args.students)
    summary.update(workers=2, concurrency=args.concurrency, queries=queries, database=check_database(args.students))
    summary["baseline_healthz"] = calibration
    summary["load_average"] = os.getloadavg()
    shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{'step':<10} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for step, row in summary["steps"].items():
        timing = f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8}"
        print(f"{step:<10} {row['requests']:>9} {timing} {queries.get(step, ''):>8}")
    print(f"\n{summary['attempts_completed']}/{args.students} attempts in {summary['seconds']} s: "
          f"{summary['requests_per_second']} requests/s, {summary['attempts_per_second']} attempts/s; "
          f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms (target < {TARGET_P95_MS}); "
          f"errors {summary['errors']}")  # fmt: skip
    print(f"baseline /healthz at the same concurrency: {calibration}; load average {summary['load_average']}")
    if summary["error_samples"]:
        print("errors:", ", ".join(summary["error_samples"]))
    print("database:", summary["database"])
    out = BASE_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "assessments_load.json").write_text(json.dumps(summary, indent=2))
    failed = summary["errors"] or summary["attempts_completed"] != args.students
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
