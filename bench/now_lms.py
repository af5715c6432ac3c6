"""NOW-LMS 2.0.4 (a Flask LMS) started locally, so the course-page benchmark can compare against it.

    .venv/bin/python bench/now_lms.py [--port 8765] [--seconds 5] [--clients 8]

NOW-LMS lives in its own virtualenv (``install()`` creates it: ``now-lms==2.0.4`` and
gunicorn from PyPI). ``start()`` builds a throw-away SQLite database with NOW-LMS's own
example data (``initial_setup(with_examples=True)``: the ``lmsctl database init
--with-examples`` code path), adds one active student, starts gunicorn with 2 sync
workers on 127.0.0.1, logs the student in and enrolls them in the free demo course
"PostgreSQL Basics" over HTTP (its login and enrollment forms, CSRF tokens included),
and returns the pages to measure. NOW-LMS runs as shipped: no cache service configured
(its default ``NullCache``), sessions in its SQLAlchemy session table.

Only 127.0.0.1 (and PyPI, for ``install()``) is contacted; every wait is bounded.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

VENV = "/tmp/nowlms-venv"
VERSION = "2.0.4"
COURSE = "postgresql"  # free, open, public demo course with 5 sections and 7 resources, all public
COURSE_TITLE = "PostgreSQL Basics"
STUDENT, STUDENT_PASSWORD = "bench-student", "bench-student-password"

# Variables NOW-LMS reads to switch to development/testing mode (DEBUG toolbar, in-memory
# SQLite, a random SECRET_KEY per process: multi-worker sessions break) or to other
# cache/session backends. The bench must not inherit them from the calling shell or CI.
_DROPPED_ENV = [
    "DEBUG",
    "CI",
    "DEV",
    "DEVELOPMENT",
    "FLASK_ENV",
    "DJANGO_DEBUG",
    "NODE_ENV",
    "ENV",
    "APP_ENV",
    "PYTEST_CURRENT_TEST",
    "PYTEST_VERSION",
    "REDIS_URL",
    "CACHE_REDIS_URL",
    "SESSION_REDIS_URL",
    "CACHE_MEMCACHED_SERVERS",
    "NOW_LMS_MEMORY_CACHE",
    "NOW_LMS_CONFIG",
    "NOW_LMS_THEMES_DIR",
    "NOW_LMS_FORCE_HTTPS",
    "NOW_LMS_DEMO_MODE",
    "NOW_LMS_AUTO_MIGRATE",
    "DATABASE_URL",
    "FLASK_APP",
]

# Run inside NOW-LMS's virtualenv: its own schema + example data, then one active student
# (self sign-up creates inactive accounts that need e-mail verification).
_SETUP_SCRIPT = f"""
from now_lms import initial_setup, lms_app
from now_lms.auth import proteger_passwd
from now_lms.db import Usuario, database

with lms_app.app_context():
    initial_setup(with_examples=True)
    database.session.add(Usuario(
        usuario={STUDENT!r}, acceso=proteger_passwd({STUDENT_PASSWORD!r}), nombre="Bench", apellido="Student",
        correo_electronico="bench-student@example.com", correo_electronico_verificado=True, tipo="student",
        activo=True, visible=True,
    ))
    database.session.commit()
"""


def install(venv=VENV):
    """Create NOW-LMS's own virtualenv (its dependencies must not mix with Aula's); skip what is there."""
    venv = Path(venv)
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wanted = []
    if not (venv / "bin" / "lmsctl").exists():
        wanted.append(f"now-lms=={VERSION}")
    if not (venv / "bin" / "gunicorn").exists():
        wanted.append("gunicorn")
    if wanted:
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *wanted], check=True)


def _environment(workdir):
    """NOW-LMS reads its configuration from the environment; give it a clean, production-like one."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENV}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir}/now_lms.db",
        NOW_LMS_DATA_DIR=str(Path(workdir) / "data"),  # uploads and static files: keep them out of the venv
        SECRET_KEY="now-lms-bench-" + "0123456789abcdef" * 3,  # fixed, so both workers accept the same session
        ADMIN_USER="lms-admin",
        ADMIN_PSWD="lms-admin-bench",
        LOG_LEVEL="WARNING",
    )
    return env


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to check, not to follow, when verifying a page."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _get(base, path, cookie=None):
    """Status and body of one GET exactly as wrk will send it (no redirects followed)."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _csrf_token(html):
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    if not match:
        raise SystemExit("NOW-LMS: no csrf_token in the form")
    return match.group(1)


def _submit_form(opener, url, fields):
    """GET a form (for its CSRF token), then POST it; returns the final page's HTML."""
    with opener.open(url, timeout=30) as response:
        token = _csrf_token(response.read().decode())
    data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
    with opener.open(url, data=data, timeout=30) as response:
        return response.read().decode()


def _sign_in_and_enroll(base):
    """Log the student in and enroll them through NOW-LMS's own forms; returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = _submit_form(opener, base + "/user/login", {"usuario": STUDENT, "acceso": STUDENT_PASSWORD})
    if "Inicio de Sesion Incorrecto" in page or not any(cookie.name == "session" for cookie in jar):
        raise SystemExit("NOW-LMS: the student could not log in")
    fields = {"nombre": "Bench", "apellido": "Student", "correo_electronico": "bench-student@example.com"}
    _submit_form(opener, f"{base}/course/{COURSE}/enroll", fields)
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def _check_enrolled(database):
    """Its course page opens for any signed-in student; make sure the enrollment really happened."""
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM estudiante_curso WHERE usuario = ? AND curso = ? AND vigente", (STUDENT, COURSE)
        ).fetchone()
    if not count:
        raise SystemExit(f"NOW-LMS: enrolling {STUDENT!r} in {COURSE!r} did not create an enrollment")


def _first_resource(database):
    """The course's first resource (first section, first position): its type and id for the URL, its title."""
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT r.tipo, r.id, r.nombre FROM curso_recurso r JOIN curso_seccion s ON s.id = r.seccion "
            "WHERE r.curso = ? ORDER BY s.indice, r.indice LIMIT 1",
            (COURSE,),
        ).fetchone()
    if not row:
        raise SystemExit(f"NOW-LMS: course {COURSE!r} has no resources in the example data")
    return row


def _wait_until_up(process, base, log, timeout=90):
    """Gunicorn imports NOW-LMS in each worker; wait (bounded) until it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"NOW-LMS: gunicorn exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                response.read()
                return
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit(f"NOW-LMS: no answer on {base} after {timeout}s; see {log}")


def start(workdir, port, venv=VENV):
    """Fresh database with example data, gunicorn (2 sync workers), a signed-in enrolled student.

    Returns (process, pages): pages maps a label to (path, Cookie header or None, a string the
    page shows); every path has answered 200 (no redirect), with that string, signed in or
    not as meant, before this returns. NOW-LMS has no section page and no course search.
    """
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment(workdir)
    python, gunicorn = Path(venv) / "bin" / "python", Path(venv) / "bin" / "gunicorn"
    if not gunicorn.exists():
        raise SystemExit(f"NOW-LMS: {gunicorn} missing; run install() first")
    setup = subprocess.run(
        [str(python), "-c", _SETUP_SCRIPT], cwd=workdir, env=env, capture_output=True, text=True, timeout=300
    )
    if setup.returncode:
        raise SystemExit(f"NOW-LMS: database setup failed:\n{setup.stderr[-3000:]}")

    log = workdir / "gunicorn.log"
    command = [str(gunicorn), "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
    usage = subprocess.run([str(gunicorn), "--help"], capture_output=True, text=True, timeout=60).stdout
    if "--no-control-socket" in usage:  # gunicorn 25+: one socket path for every master otherwise
        command.append("--no-control-socket")
    command += ["--timeout", "120", "--error-logfile", str(log), "now_lms:lms_app"]
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base, log)
        cookie = _sign_in_and_enroll(base)
        _check_enrolled(workdir / "now_lms.db")
        resource_type, resource_id, resource_title = _first_resource(workdir / "now_lms.db")
        resource = f"/course/{COURSE}/resource/{resource_type}/{resource_id}"
        pages = {  # label (as Aula's pages are named): (path, Cookie header or None, a string it must contain)
            "home": ("/", None, COURSE_TITLE),
            "catalog": ("/course/explore", None, COURSE_TITLE),
            "course": (f"/course/{COURSE}/view", None, COURSE_TITLE),
            "preview": (resource, None, resource_title),  # every resource of the course is public
            "course (enrolled)": (f"/course/{COURSE}/take", cookie, COURSE_TITLE),
            "resource (enrolled)": (resource, cookie, resource_title),
            "dashboard": ("/home/panel", cookie, COURSE_TITLE),  # the student's panel after signing in
        }
        for label, (path, page_cookie, expected) in pages.items():
            # Twice: the first answer may still carry a one-off flash message.
            for _ in range(2):
                status, body = _get(base, path, page_cookie)
            if status != 200:
                raise SystemExit(f"NOW-LMS: {label} {path} answered {status}, not 200")
            if expected not in body:
                raise SystemExit(f"NOW-LMS: {label} {path} does not show {expected!r}")
            if bool(page_cookie) != ("/user/logout" in body):
                meant = "signed in" if page_cookie else "anonymously"
                raise SystemExit(f"NOW-LMS: {label} {path} did not render {meant}")
    except BaseException:
        stop(process)
        raise
    return process, pages


def stop(process):
    """Gunicorn's master stops its workers on SIGTERM; kill it if it does not within the bound."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wrk(url, cookie, seconds, clients):
    """Requests/second from wrk (and how many answers were not 2xx/3xx: those would not count)."""
    command = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return (float(rate.group(1)) if rate else None), (int(errors.group(1)) if errors else 0)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian package wrk)")
    install()
    workdir = tempfile.mkdtemp(prefix="nowlms-bench-")
    try:
        port = args.port or _free_port()
        process, pages = start(workdir, port)
        try:
            for label, (path, cookie, _expected) in pages.items():
                print(f"{label:22} {path}" + ("  (signed in)" if cookie else ""))
            for label, (path, cookie, _expected) in pages.items():
                rate, errors = _wrk(f"http://127.0.0.1:{port}{path}", cookie, args.seconds, args.clients)
                note = f"  ({errors} non-2xx/3xx answers)" if errors else ""
                print(f"{label:22} {rate if rate is not None else '?':>10} req/s{note}")
        finally:
            stop(process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
