"""Certificates benchmark: PDF render time, and throughput through the django-q2 queue.

    .venv/bin/python bench/certificates.py [--samples 50] [--batch 1000]

Builds a throw-away SQLite database in a temporary folder with one course and ``--batch``
learners holding a certificate (created directly, no PDF yet), then:

1. renders ``--samples`` certificates in this process (``tasks.ensure_pdf``: template,
   values, WeasyPrint, private storage) and reports the median and 95th percentile in ms;
2. queues one render task per remaining certificate (``tasks.queue_render``, the ORM
   broker) and starts ``manage.py qcluster`` with ONE worker, then reports how long the
   worker took to render them all, in certificates per minute.

Nothing leaves 127.0.0.1. Results are printed and written to bench/results/certificates.json.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def configure_environment(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms_site.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["CERTIFICATE_SIGNING_KEY_FILE"] = str(Path(workdir) / "key.pem")
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["Q_WORKERS"] = "1"
    os.environ.pop("REDIS_URL", None)  # the ORM broker: what a default installation runs


def seed(count):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from certificates.templates import template_for_course
    from courses.tests import factories

    course = factories.build_course(title="Benchmarking with care", slug="bench", price=0, sections=1)
    template = template_for_course(course, "en")
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"learner{n}@bench.test", display_name=f"Learner Number {n}") for n in range(count)]
    )
    now = timezone.now()
    Certificate.objects.bulk_create(
        [
            Certificate(
                code=new_code(),
                user=user,
                course_key=course.translation_key,
                course=course,
                template=template,
                language="en",
                holder_name=user.display_name,
                title=course.title,
                hours=6,
                grade=91,
                instructor_names=["Iris Instructor"],
                completed_at=now,
            )  # fmt: skip
            for user in users
        ]
    )
    return list(Certificate.objects.order_by("pk").values_list("pk", flat=True))


def render_samples(ids):
    from certificates.models import Certificate
    from certificates.tasks import ensure_pdf

    timings = []
    for certificate in Certificate.objects.filter(pk__in=ids).order_by("pk"):
        start = time.perf_counter()
        ensure_pdf(certificate)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def run_queue(ids, workdir, timeout):
    from certificates.models import Certificate
    from certificates.tasks import queue_render

    for certificate_id in ids:
        queue_render(certificate_id)
    log = (Path(workdir) / "qcluster.log").open("w")
    cluster = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "qcluster"], env={**os.environ}, cwd=workdir,
        stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )  # fmt: skip
    start = time.monotonic()
    done = 0
    try:
        while time.monotonic() - start < timeout:
            done = Certificate.objects.filter(pk__in=ids).exclude(pdf="").count()
            if done == len(ids):
                break
            time.sleep(1)
        elapsed = time.monotonic() - start
    finally:
        os.killpg(cluster.pid, signal.SIGTERM)
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
            cluster.wait()
        log.close()
    if done < len(ids):
        print((Path(workdir) / "qcluster.log").read_text()[-3000:], file=sys.stderr)
    return done, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--timeout", type=int, default=900, help="seconds the queue may take at most")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aula-bench-certificates-") as workdir:
        configure_environment(workdir)
        import django

        django.setup()
        ids = seed(args.samples + args.batch)
        timings = render_samples(ids[: args.samples])
        done, elapsed = run_queue(ids[args.samples :], workdir, args.timeout)
    results = {
        "pdf_ms_median": round(statistics.median(timings), 1),
        "pdf_ms_p95": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 1),
        "samples": len(timings),
        "batch": args.batch,
        "rendered_by_one_worker": done,
        "seconds": round(elapsed, 1),
        "per_minute": round(60 * done / elapsed, 1) if elapsed else None,
        "cpus": os.cpu_count(),
    }
    print(json.dumps(results, indent=2))
    out = BASE_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "certificates.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
