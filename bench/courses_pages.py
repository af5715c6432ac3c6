"""Course pages benchmark: Aula cached, Aula uncached and NOW-LMS, page by page, in one run.

    .venv/bin/python bench/courses_pages.py [--rounds 3] [--seconds 3] [--quick] [--full]
        [--postgres URL --redis URL | --sqlite] [--personal-cache-off] [--config repo] [--no-now-lms]

For each of two data sets — the **demo** (``manage.py seed_demo``: real courses, captions,
evaluations, reviews; its student ``student@aula.test``) and a **synthetic** site (one
course of 200 resources, a catalog; ``--full``: 1,000 courses, 10,000 students, 100,000
completions) — it builds a throw-away database and serves it with production's settings
(DEBUG off, production's middleware: ``bench/settings_production.py``) from two gunicorns
of 2 sync workers each:

* **Aula cached**: as deployed (the page cache, shared values and fragments, the personal cache);
* **Aula uncached**: the same database with every cache off (``bench/settings_uncached.py``);

beside **NOW-LMS 2.0.4** with its own example data (``bench/now_lms.py``: its equivalent of
each page, "—" where it has none) and **bare Django** (``bench/bare_django.py``: no
middleware, no apps) for the trivial view (``/bench/trivial/``, a plain ``HttpResponse``
through Aula's whole middleware stack).

Every page is first checked (200, a string it must show, signed in or not as meant), then
measured with wrk (``apt-get install wrk``; a slower Python loop without it) in alternating
rounds — each round loads every page on every server in turn, so a busy moment of the
machine hits all alike — and the median round counts. For each measurement the servers'
workers' CPU time (``/proc/<pid>/stat``, utime + stime) is read before and after and
divided by the requests served: **CPU ms per request**, the figure that travels between
machines. Then a first visitor's wait after a publish (course and resource pages: the
scopes a publish renews are renewed, then one GET is timed, ``--misses`` times), the
warm workers' memory, and the machine's load average at the start and the end.

PostgreSQL + Redis at 127.0.0.1 (``--postgres``/``--redis``, as ``make bench`` passes) when
they answer; otherwise SQLite and the page-cache folder, with a note. Results are printed
and written to bench/results/courses_pages-*.json. Only 127.0.0.1 (and PyPI, to install
NOW-LMS once into /tmp/nowlms-venv) is contacted; every loop is bounded in time.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from harness import (
    BASE_DIR,
    BENCH_DIR,
    Postgres,
    copy_sqlite,
    get,
    load_average,
    measure,
    reachable,
    start_gunicorn,
    start_gunicorn_with_config,
)
from report import print_report, summarise

DATASETS = ("demo", "synthetic")
TRIVIAL = "/bench/trivial/"
# What the calling shell may have set that would change what the servers measure.
_DROPPED_ENV = ["DEBUG", "DATABASE_URL", "REDIS_URL", "PAGE_CACHE_SECONDS", "PERSONAL_CACHE", "CACHE_KEY_PREFIX",
                "DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY", "GUNICORN_THREADS", "SEARCH_BACKEND"]  # fmt: skip


def aula_env(workdir, database_url, redis_url, prefix, static_root):
    """Production's settings, with bench values for what it refuses to start without."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="settings_production",
        PYTHONPATH=f"{BASE_DIR}:{BENCH_DIR}",
        SECRET_KEY="aula-bench-not-a-secret-" + "0123456789abcdef" * 3,
        SECURE_SSL_REDIRECT="false",  # plain HTTP on 127.0.0.1 (behind no proxy)
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        CACHE_KEY_PREFIX=prefix,
        PAGE_CACHE_DIR=str(workdir / "page-cache"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "media-private"),
        STATIC_ROOT=str(static_root),
        CERTIFICATE_SIGNING_KEY_FILE=str(workdir / "certificate-signing-key.pem"),
        EMAIL_URL="dummymail://",  # the demo's certificates and receipts send mail
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run_child(env, *args, cwd):
    subprocess.run([sys.executable, str(BENCH_DIR / "datasets.py"), *args], env=env, cwd=cwd, check=True)


def collect_static(env, cwd):
    """``collectstatic`` into a folder kept between runs, redone only when a static file changed."""
    root = Path(env["STATIC_ROOT"])
    sources = sorted(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns)
        for path in BASE_DIR.glob("*/static/**/*")
        if path.is_file() and ".venv" not in path.parts
    )
    fingerprint = hashlib.sha256(repr((sources, sys.executable)).encode()).hexdigest()
    stamp = root / ".bench-fingerprint"
    if (root / "staticfiles.json").exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    command = [sys.executable, str(BASE_DIR / "manage.py"), "collectstatic", "--noinput", "--clear", "-v0"]
    subprocess.run(command, env=env, cwd=cwd, check=True)
    stamp.write_text(fingerprint)
    return True


def choose_backends(args):
    """(postgres URL or "", redis URL or "", note): PostgreSQL + Redis when they answer."""
    if args.sqlite:
        return "", "", ""
    postgres, redis = args.postgres, args.redis
    down = [url for url in (postgres, redis) if url and not reachable(urlsplit(url).hostname, urlsplit(url).port)]
    if not postgres or down:
        note = f"note: {', '.join(down)} not reachable: " if down else "note: no PostgreSQL given: "
        return "", "", note + "SQLite and the page-cache folder instead of PostgreSQL + Redis"
    return postgres, redis, ""


def start_servers(args, datasets, workdir, servers):
    """Every server before the rounds (idle ones cost nothing), two starting at a time (each
    worker imports the whole site); ``servers`` is filled as they answer, so that the caller
    stops every one started even when a later one fails."""

    def aula(name, dataset, settings, **extra):
        env = {**dataset["env"], "DJANGO_SETTINGS_MODULE": settings, **extra}
        if args.config == "repo":
            config = BASE_DIR / "gunicorn.conf.py"
            return start_gunicorn_with_config(name, "aula_wsgi:application", env, workdir, config)
        return start_gunicorn(name, "aula_wsgi:application", env, workdir)

    wanted = {}
    for name, dataset in datasets.items():
        wanted[(name, "cached")] = (aula, f"Aula cached ({name})", dataset, "settings_production")
        wanted[(name, "uncached")] = (aula, f"Aula uncached ({name})", dataset, "settings_uncached")
        if args.personal_cache_off:
            wanted[(name, "personal cache off")] = (
                lambda *a: aula(*a, PERSONAL_CACHE="false"), f"Aula personal cache off ({name})", dataset,
                "settings_production",
            )  # fmt: skip
    bare_env = {**os.environ, "PYTHONPATH": str(BENCH_DIR)}
    wanted[("bare", "django")] = (start_gunicorn, "bare Django", "bare_django:application", bare_env, workdir)

    def start(key):
        function, *arguments = wanted[key]
        servers[key] = function(*arguments)

    with ThreadPoolExecutor(max_workers=2) as pool:
        for job in [pool.submit(start, key) for key in wanted]:
            job.result()


def start_now_lms(workdir):
    import now_lms
    from harness import Server, free_port

    try:
        now_lms.install()
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"note: NOW-LMS could not be installed ({error}); its columns stay empty", flush=True)
        return None, {}
    port = free_port()
    process, pages = now_lms.start(workdir / "now-lms", port)
    return Server("NOW-LMS", process, f"http://127.0.0.1:{port}"), pages


def check_pages(jobs):
    """Each (server, page) once, as wrk will ask for it: the right page, signed in or not."""
    from datasets import check

    for key, server, path, cookie, expected in jobs:
        if expected is None:
            continue
        status, body = get(server.base + path, cookie)
        problem = check(f"{server.name} {key[1]}", status, body, expected, bool(cookie))
        if problem:
            raise SystemExit(f"check failed: {problem} ({path})")


def plan(datasets, servers, now_lms_server, now_lms_pages, personal_cache_off):
    """[(key, server, path, cookie, expected)]: for each page in turn, every server that has it."""
    jobs = []
    names = list(dict.fromkeys(page["name"] for dataset in datasets.values() for page in dataset["pages"]))
    for page_name in names:
        for name, dataset in datasets.items():
            page = next((page for page in dataset["pages"] if page["name"] == page_name), None)
            if page is None:
                continue
            cookie = dataset["cookie"] if page["signed_in"] else None
            variants = ["cached", "uncached"] + (["personal cache off"] if personal_cache_off and cookie else [])
            for variant in variants:
                server = servers[(name, variant)]
                jobs.append(((name, page_name, variant), server, page["path"], cookie, page["expected"]))
        if page_name in now_lms_pages:
            path, cookie, _expected = now_lms_pages[page_name]  # checked by now_lms.start()
            jobs.append((("NOW-LMS", page_name, "now-lms"), now_lms_server, path, cookie, None))
    first = next(iter(datasets))
    for variant in ("cached", "uncached"):
        jobs.append(((first, "trivial", variant), servers[(first, variant)], TRIVIAL, None, None))
    jobs.append((("bare", "trivial", "django"), servers[("bare", "django")], TRIVIAL, None, None))
    return jobs


def warm_up(jobs, requests=8):
    for _key, server, path, cookie, _expected in jobs:
        for _ in range(requests):
            get(server.base + path, cookie)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per page and server (default 3)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median counts (default 3)")
    parser.add_argument("--misses", type=int, default=20, help="first visits timed per page after a publish")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 round of 1 s, 3 first visits")
    parser.add_argument("--config", choices=["sync", "repo"], default="sync",
                        help="Aula's servers: 2 sync workers, or the repository's gunicorn.conf.py")  # fmt: skip
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (new databases are made beside it)")
    parser.add_argument("--redis", default="", help="a Redis URL for the caches (with --postgres)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite and the page-cache folder, whatever is given")
    parser.add_argument("--full", action="store_true", help="the large synthetic site (1,000 courses, 10,000 students)")
    parser.add_argument("--datasets", default=",".join(DATASETS), help="which data sets (default: demo,synthetic)")
    parser.add_argument("--no-now-lms", action="store_true", help="without NOW-LMS (its columns stay empty)")
    parser.add_argument("--now-lms", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for old calls
    parser.add_argument(
        "--personal-cache-off",
        action="store_true",
        help="also measure the signed-in pages on a third server with the personal cache off (PERSONAL_CACHE=false)",
    )
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.misses = 1, 1.0, 3
    started = time.monotonic()
    load_at_start = load_average()
    postgres_url, redis_url, note = choose_backends(args)
    if note:
        print(note, flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="aula-bench-"))
    static_root = Path(tempfile.gettempdir()) / f"aula-bench-static-{hashlib.sha1(bytes(BASE_DIR)).hexdigest()[:8]}"
    postgres = Postgres(postgres_url) if postgres_url else None
    prefix = f"aula-bench-{os.getpid()}"
    servers, now_lms_server, datasets = {}, None, {}
    try:
        # A migrated template, copied for each data set; the static files meanwhile.
        template = postgres.create("template") if postgres else f"sqlite:///{workdir}/template.sqlite3"
        base_env = aula_env(workdir, template, redis_url, f"{prefix}-template", static_root)
        static_env = {**base_env, "DATABASE_URL": f"sqlite:///{workdir}/static.sqlite3"}  # away from the template
        static_env.pop("REDIS_URL", None)
        static = ThreadPoolExecutor(max_workers=1).submit(collect_static, static_env, workdir)
        run_child(base_env, "migrate", cwd=workdir)
        children = {}
        for name in args.datasets.split(","):
            folder = workdir / name
            folder.mkdir()
            url = (
                postgres.create(name, template) if postgres else copy_sqlite(template, f"sqlite:///{folder}/db.sqlite3")
            )
            env = aula_env(folder, url, redis_url, f"{prefix}-{name}", static_root)
            out = folder / "prepared.json"
            command = [sys.executable, str(BENCH_DIR / "datasets.py"), "prepare", name, str(out)]
            command += ["--full"] if args.full and name == "synthetic" else []
            children[name] = (subprocess.Popen(command, env=env, cwd=workdir), env, out)
        for name, (child, env, out) in children.items():  # both data sets seed at once: two cores
            if child.wait() != 0:
                raise SystemExit(f"seeding {name} failed")
            datasets[name] = {**json.loads(out.read_text()), "env": env}
            print(f"{name}: seeded in {datasets[name]['seeded_seconds']:.0f} s", flush=True)
        if static.result():
            print("static files collected (kept for the next run)", flush=True)
        print(f"set up in {time.monotonic() - started:.0f} s; starting the servers", flush=True)
        start_servers(args, datasets, workdir, servers)
        now_lms_pages = {}
        if not args.no_now_lms:
            now_lms_server, now_lms_pages = start_now_lms(workdir)
        jobs = plan(datasets, servers, now_lms_server, now_lms_pages, args.personal_cache_off)
        check_pages(jobs)
        warm_up(jobs)
        runs = {key: [] for key, *_ in jobs}
        for round_number in range(args.rounds):  # alternating rounds: a slow moment hits every page alike
            print(f"round {round_number + 1}/{args.rounds} ({len(jobs)} measurements)", flush=True)
            for key, server, path, cookie, _expected in jobs:
                runs[key].append(measure(server, path, cookie, args.seconds, args.clients))
        misses = {}
        for name, dataset in datasets.items():
            out = workdir / name / "misses.json"
            pages_file = workdir / name / "prepared.json"
            run_child(dataset["env"], "misses", str(pages_file), servers[(name, "cached")].base, str(args.misses),
                      str(out), cwd=workdir)  # fmt: skip
            misses[name] = json.loads(out.read_text())
        memory = {server.name: server.rss_kib() for server in servers.values()}
        if now_lms_server is not None:
            memory["NOW-LMS"] = now_lms_server.rss_kib()
    finally:
        for server in servers.values():
            server.stop()
        if now_lms_server is not None:
            now_lms_server.stop()
        if postgres:
            postgres.drop_all()
        if redis_url:
            forget_keys(redis_url, prefix)
        shutil.rmtree(workdir, ignore_errors=True)

    setup = {
        "database": "PostgreSQL + Redis" if postgres_url else "SQLite (+ page-cache folder)",
        "note": note,
        "workers": "gunicorn.conf.py" if args.config == "repo" else "gunicorn, 2 sync workers",
        "clients": args.clients,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "full": args.full,
        "wrk": bool(shutil.which("wrk")),
        "load_average": {"start": load_at_start, "end": load_average()},
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    results = summarise(datasets, runs, misses, memory, setup)
    print_report(results)
    out = BASE_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    name = f"courses_pages-{'postgres' if postgres_url else 'sqlite'}-{args.config}{'-full' if args.full else ''}"
    (out / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"written to bench/results/{name}.json")


def forget_keys(redis_url, prefix):
    """The run's keys (every data set's prefix) leave Redis with it."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"*{prefix}-*", count=1000):
        client.delete(key)


if __name__ == "__main__":
    main()
