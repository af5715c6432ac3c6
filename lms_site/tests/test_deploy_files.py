"""deploy/ holds what an operator copies: the environment template names every setting a
running site reads, and the systemd units start what the README says."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Variables of docs/operators/settings.md that a running site does not read: the tools',
# the tests', the benchmark's, the development settings' and the first administrator's.
NOT_FOR_A_RUNNING_SITE = {
    "DEBUG", "SQLITE_TIMEOUT", "AULA_ADMIN_PASSWORD", "CERTIFICATE_SIGNING_KEY_FILE", "AULA_DEV_PAYMENTS",
    "PYTHON", "TEST_PROCESSES", "PYTEST_ARGS", "PYTEST_XDIST_WORKER", "CHECK_POSTGRES_URL",
    "CHECK_DATABASE_PREFIX",
}  # fmt: skip


def documented_variables():
    text = (BASE_DIR / "docs/operators/settings.md").read_text()
    names = set()
    for row in re.findall(r"^\| (`[A-Z][A-Z0-9_]*`(?:, `[A-Z][A-Z0-9_]*`)*) \|", text, flags=re.M):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", row))
    return {name for name in names if not name.startswith("BENCH_")} - NOT_FOR_A_RUNNING_SITE


def test_environment_template_lists_every_setting():
    template = (BASE_DIR / "deploy/aula.env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", template, flags=re.M))
    missing = documented_variables() - listed
    assert not missing, f"missing from deploy/aula.env.example: {sorted(missing)}"


def test_systemd_units_start_gunicorn_and_the_worker_and_stop_them_gracefully():
    web = (BASE_DIR / "deploy/systemd/aula-web.service").read_text()
    worker = (BASE_DIR / "deploy/systemd/aula-worker.service").read_text()
    assert "gunicorn -c gunicorn.conf.py lms_site.wsgi" in web
    assert "manage.py qcluster" in worker
    for unit in (web, worker):
        assert "EnvironmentFile=/etc/aula/aula.env" in unit
        assert "KillSignal=SIGTERM" in unit
        assert re.search(r"^Restart=(on-failure|always)$", unit, flags=re.M)
