"""The production check: Aula as deploy/ says to run it, started for real on this machine, then
checked from the outside.

    make check-production        (CI runs it after the test suite)

What it starts, each on loopback and in a temporary folder, stopped at the end whatever happens:

- a PostgreSQL database of its own (on the server ``CHECK_POSTGRES_URL`` names, by default the
  local one) and a Redis server of its own (``redis-server`` on a free port, so stopping it
  troubles nobody else);
- ``migrate``, ``seed_demo`` and ``collectstatic`` with the production settings;
- **two** gunicorn app servers (``gunicorn.conf.py``, one worker each) behind **one** nginx
  upstream, nginx running ``deploy/nginx/aula.conf`` itself (only its host name, ports, paths
  and certificate are replaced, and its upstream lists both app servers), with a self-signed
  certificate;
- one ``qcluster`` worker.

Then it checks what an operator relies on (each line printed with ok/FAIL): HTTP redirects to
HTTPS; the home page through nginx; protected video refused to an anonymous visitor and sent
by nginx (``X-Accel-Redirect``, 206 with ``Range``) to an enrolled student; a session made on
server A valid on server B; a change published on A seen on B at the next request; failed
logins counted across both servers; the worker renders the demo's certificates; ``/healthz``;
then the failures: Redis stopped (pages still served), the worker killed mid-queue (its jobs
done by the next worker). Exit status 0 only if every check passed.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3

BASE_DIR = Path(__file__).resolve().parent.parent
NGINX_SITE = BASE_DIR / "deploy" / "nginx" / "aula.conf"
PYTHON = sys.executable
HOST = "localhost"

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # our own self-signed certificate


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Check:
    def __init__(self):
        self.failures = []

    def __call__(self, name, passed, detail=""):
        print(f"{'ok  ' if passed else 'FAIL'}  {name}{'' if passed else f'  ({detail})'}", flush=True)
        if not passed:
            self.failures.append(name)
        return passed


class Processes:
    """Started processes, each in its own process group, stopped (TERM, then KILL) at exit."""

    def __init__(self, folder):
        self.folder = folder
        self.running = {}

    def start(self, name, command, env):
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running[name] = (process, log)
        return process

    def stop(self, name, sig=signal.SIGTERM):
        process, log = self.running.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()

    def stop_all(self):
        for name in list(self.running):
            self.stop(name)

    def log(self, name, lines=40):
        path = self.folder / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def wait_for(condition, seconds, interval=0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except (requests.RequestException, OSError):
            pass
        time.sleep(interval)
    return False


def nginx_site(folder, ports):
    """deploy/nginx/aula.conf with this check's host, ports, folders and certificate."""
    site = NGINX_SITE.read_text()
    upstream = "".join(f"    server 127.0.0.1:{port};\n" for port in ports["apps"])
    site, replaced = re.subn(r"    server 127\.0\.0\.1:8000;\n", upstream, site)
    assert replaced == 1, "the upstream of deploy/nginx/aula.conf changed shape"
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{ports['http']};")
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{ports['https']} ")
    site = site.replace("server_name learn.example.org;", f"server_name {HOST};")
    site = site.replace("/etc/letsencrypt/live/learn.example.org/fullchain.pem", str(folder / "tls.crt"))
    site = site.replace("/etc/letsencrypt/live/learn.example.org/privkey.pem", str(folder / "tls.key"))
    site = site.replace("/srv/aula/", f"{folder}/srv/")
    site = site.replace("/var/log/nginx/", f"{folder}/")
    return site


def nginx_main(folder):
    temp = folder / "nginx-temp"
    temp.mkdir()
    return f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/aula.conf;
}}
"""


def self_signed_certificate(folder):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-keyout", str(folder / "tls.key"), "-out", str(folder / "tls.crt")],
        check=True, capture_output=True,
    )  # fmt: skip


def manage(env, *args, capture=True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=capture, text=True, timeout=900
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


PROBE = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from certificates.models import Certificate
from courses.access import check_access
from courses.models import CourseMedia
from home.models import StandardPage

student = get_user_model().objects.get(email="student@aula.test")
video = next(
    item for item in CourseMedia.objects.filter(type="video").order_by("pk")
    if check_access(student, item).allowed and not check_access(AnonymousUser(), item).allowed
)
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
document = next(
    item for item in get_document_model().objects.order_by("pk")
    if check_access(student, item).allowed and not check_access(AnonymousUser(), item).allowed
)
certificate = Certificate.objects.filter(user=student, revoked_at__isnull=True).first()
with translation.override("en"):
    certificate_url = reverse("certificates:pdf", args=[certificate.code]) if certificate else ""
about = StandardPage.objects.live().filter(locale__language_code="en").order_by("path").first()
print(json.dumps({
    "video": video.url,
    "video_size": video.file.size,
    "page_id": about.pk,
    "page_url": about.url,
    "certificates": Certificate.objects.count(),
    "document": document.url,
    "certificate": certificate_url,
}))
"""


# Run against the restored database and folders: nothing left to migrate, and every file a
# row names (certificate and receipt PDFs, course media, documents, images) is there.
RESTORED_PROBE = """
import json
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import FileField

executor = MigrationExecutor(connection)
pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
named, missing = 0, []
for model in apps.get_models():
    for field in (f for f in model._meta.get_fields() if isinstance(f, FileField)):
        for row in model.objects.exclude(**{field.name: ""}).exclude(**{field.name + "__isnull": True}):
            stored = getattr(row, field.name)
            named += 1
            if not stored.storage.exists(stored.name):
                missing.append(f"{model._meta.label}.{field.name}: {stored.name}")
print(json.dumps({"pending": len(pending), "files": named, "missing": missing[:5]}))
"""


def files_in(*roots):
    """Every file under these folders: its path (below the folder) and size."""
    return {
        (index, str(path.relative_to(root)), path.stat().st_size)
        for index, root in enumerate(roots)
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def client():
    """A browser-like session that trusts our self-signed certificate (and ignores the
    environment's CA bundle and proxies: everything here is on loopback)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = False
    return session


def log_in(session, base, email, password):
    page = session.get(f"{base}/en/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{base}/en/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"{base}/en/accounts/login/"},
        timeout=30,
    )


def main():
    check = Check()
    with ExitStack() as stack:
        folder = Path(tempfile.mkdtemp(prefix="aula-production-check-"))
        os.chmod(folder, 0o755)
        stack.callback(shutil.rmtree, folder, ignore_errors=True)
        processes = Processes(folder)
        stack.callback(processes.stop_all)
        for part in ("srv/media", "srv/media-private", "srv/staticfiles"):
            (folder / part).mkdir(parents=True)

        ports = {"http": free_port(), "https": free_port(), "apps": [free_port(), free_port()], "redis": free_port()}
        server = urlsplit(os.environ.get("CHECK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
        database = f"{os.environ.get('CHECK_DATABASE_PREFIX', 'aula_production_check')}_{os.getpid()}"
        admin_db = ["psql", "-h", server.hostname, "-p", str(server.port or 5432), "-U", server.username, "-q"]
        subprocess.run([*admin_db, "-c", f"CREATE DATABASE {database}"], check=True)
        stack.callback(subprocess.run, [*admin_db, "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"])

        site_url = f"https://{HOST}:{ports['https']}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": site_url,
            "SITE_URL": site_url,
            "DATABASE_URL": server._replace(path=f"/{database}").geturl(),
            "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "EMAIL_URL": "consolemail://",
            "TRUSTED_PROXY_COUNT": "1",
            "MEDIA_ROOT": str(folder / "srv/media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "srv/media-private"),
            "STATIC_ROOT": str(folder / "srv/staticfiles"),
            "MEDIA_ACCEL_REDIRECT_PREFIX": "/protected-media/",
            "SITE_MEDIA_ACCEL_REDIRECT_PREFIX": "/protected-site-media/",
            "PAGE_CACHE_DIR": str(folder / "page-cache"),
            "WEB_CONCURRENCY": "1",
        }
        processes.start(
            "redis",
            ["redis-server", "--port", str(ports["redis"]), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            env,
        )
        if not wait_for(lambda: socket.create_connection(("127.0.0.1", ports["redis"]), 1).close() or True, 20):
            raise SystemExit("redis-server did not start:\n" + processes.log("redis"))

        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput", "-v0")
        print(f"set up (migrate, seed_demo, collectstatic) in {time.monotonic() - started:.0f} s", flush=True)
        probe = json.loads(manage(env, "shell", "-c", PROBE).strip().splitlines()[-1])

        apps = []
        for name, port in zip(("app-a", "app-b"), ports["apps"], strict=True):
            processes.start(
                name,
                [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lms_site.wsgi"],
                {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            )
            apps.append(f"http://127.0.0.1:{port}")
        self_signed_certificate(folder)
        (folder / "aula.conf").write_text(nginx_site(folder, ports))
        (folder / "nginx.conf").write_text(nginx_main(folder))
        test = subprocess.run(["nginx", "-t", "-c", str(folder / "nginx.conf")], capture_output=True, text=True)
        if not check("nginx -t accepts deploy/nginx/aula.conf", test.returncode == 0, test.stderr.strip()):
            raise SystemExit(1)
        processes.start("nginx", ["nginx", "-c", str(folder / "nginx.conf"), "-g", "daemon off;"], env)
        for name, app in zip(("app-a", "app-b"), apps, strict=True):
            if not wait_for(lambda app=app: client().get(f"{app}/healthz", timeout=5).status_code == 200, 60):
                raise SystemExit(f"{name} did not start:\n" + processes.log(name))

        site = f"https://{HOST}:{ports['https']}"

        def through_nginx(path, session=None, **kwargs):
            return (session or client()).get(f"{site}{path}", verify=False, timeout=30, allow_redirects=False, **kwargs)

        plain = client().get(f"http://127.0.0.1:{ports['http']}/en/", headers={"Host": HOST}, allow_redirects=False)
        check(
            "HTTP is redirected to HTTPS",
            plain.status_code == 301 and plain.headers.get("Location", "").startswith("https://"),
            plain.status_code,
        )
        home = through_nginx("/en/")
        check("home page 200 through nginx", home.status_code == 200 and "<html" in home.text, home.status_code)
        check(
            "HSTS on every answer",
            "max-age=" in home.headers.get("Strict-Transport-Security", ""),
            home.headers.get("Strict-Transport-Security"),
        )
        health = through_nginx("/healthz")
        check("/healthz 200 through nginx", health.status_code == 200 and health.json()["status"] == "ok", health.text)

        # One id per request: nginx's, in the answer, in nginx's JSON access log and in the
        # app server's JSON log lines for that request.
        missing = through_nginx("/en/no-such-page-production-check/")
        request_id = missing.headers.get("X-Request-ID", "")
        app_lines = [
            json.loads(line)
            for name in ("app-a", "app-b")
            for line in (folder / f"{name}.log").read_text(errors="replace").splitlines()
            if line.startswith("{")
        ]
        access_lines = [json.loads(line) for line in (folder / "aula.access.log").read_text().splitlines()]
        check(
            "a request's id: in its answer, nginx's JSON access log and the app server's JSON log line",
            re.fullmatch(r"[0-9a-f]{32}", request_id)  # sent once (twice would read "id, id")
            and any(line.get("request_id") == request_id and line.get("status") == 404 for line in access_lines)
            and any(
                line.get("request_id") == request_id and line.get("message", "").startswith("Not Found:")
                for line in app_lines
            ),
            f"{missing.status_code} {request_id!r} {app_lines[-3:]}",
        )

        # Protected video: refused to a visitor, sent by nginx (not Python) to an enrolled student.
        anonymous = through_nginx(probe["video"], headers={"Range": "bytes=0-99"})
        check(
            "protected video refused to an anonymous visitor",
            anonymous.status_code in (403, 404),
            anonymous.status_code,
        )
        student = client()
        logged_in = log_in(student, site, "student@aula.test", "aula-demo-2026")
        check("student logs in through nginx", "sessionid" in student.cookies or logged_in.ok, logged_in.status_code)
        ranged = through_nginx(probe["video"], session=student, headers={"Range": "bytes=100-1099"})
        check(
            "protected video 206 with Range for the enrolled student",
            ranged.status_code == 206
            and len(ranged.content) == 1000
            and ranged.headers.get("Content-Range") == f"bytes 100-1099/{probe['video_size']}",
            f"{ranged.status_code} {ranged.headers.get('Content-Range')} {len(ranged.content)} bytes",
        )
        document = through_nginx(probe["document"], session=student, headers={"Range": "bytes=0-3"})
        check(
            "a course document sent by nginx to the enrolled student (206, %PDF)",
            document.status_code == 206 and document.content == b"%PDF",
            f"{document.status_code} {document.content[:20]!r}",
        )
        refused = through_nginx(probe["document"])
        check(
            "the course document refused to an anonymous visitor",
            refused.status_code in (302, 403),
            refused.status_code,
        )
        if probe["certificate"]:
            pdf = through_nginx(probe["certificate"], session=student)
            check(
                "the holder's certificate PDF sent by nginx, private, with HSTS",
                pdf.status_code == 200
                and pdf.content.startswith(b"%PDF")
                and "private" in pdf.headers.get("Cache-Control", "")
                and "max-age=" in pdf.headers.get("Strict-Transport-Security", ""),
                f"{pdf.status_code} {dict(pdf.headers)}",
            )
        cookies = {"sessionid": student.cookies.get("sessionid"), "csrftoken": student.cookies.get("csrftoken", "")}
        behind = client().get(
            f"{apps[0]}{probe['video']}",
            headers={"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1", "Range": "bytes=0-9"},
            cookies=cookies,
            allow_redirects=False,
        )
        check(
            "the app server answers X-Accel-Redirect with no body (nginx sends the bytes)",
            behind.headers.get("X-Accel-Redirect", "").startswith("/protected-media/") and not behind.content,
            f"{behind.status_code} {dict(behind.headers)}",
        )

        # One session, one cache, one set of rate limits for both app servers.
        on_b = [
            client()
            .get(
                f"{app}/en/dashboard/",
                headers={"Host": HOST, "X-Forwarded-Proto": "https"},
                cookies=cookies,
                allow_redirects=False,
            )
            .status_code
            for app in apps
        ]
        check("a session made through nginx is valid on server A and on server B", on_b == [200, 200], on_b)

        admin = client()
        log_in(admin, site, "admin@aula.test", "aula-demo-2026")
        admin_cookies = {name: admin.cookies.get(name) for name in ("sessionid", "csrftoken")}
        proxied = {"Host": HOST, "X-Forwarded-Proto": "https", "Referer": f"{site}/admin/"}
        seen = client().get(f"{apps[1]}{probe['page_url']}", headers=proxied, allow_redirects=False)
        client().get(f"{apps[1]}{probe['page_url']}", headers=proxied, allow_redirects=False)  # cached on B
        form = client().get(
            f"{apps[0]}/admin/pages/{probe['page_id']}/unpublish/", headers=proxied, cookies=admin_cookies
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        unpublished = client().post(
            f"{apps[0]}/admin/pages/{probe['page_id']}/unpublish/",
            data={"csrfmiddlewaretoken": token.group(1) if token else ""},
            headers=proxied,
            cookies=admin_cookies,
            allow_redirects=False,
        )
        gone = client().get(f"{apps[1]}{probe['page_url']}", headers=proxied, allow_redirects=False)
        check(
            "a page unpublished on server A is gone on server B at the next request",
            seen.status_code == 200 and unpublished.status_code == 302 and gone.status_code == 404,
            f"before {seen.status_code}, unpublish {unpublished.status_code}, after {gone.status_code}",
        )

        refused = []
        for attempt in range(7):
            app = apps[attempt % 2]  # A, B, A, B…: each server alone would allow 5
            page = client().get(f"{app}/en/accounts/login/", headers=proxied)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            answer = client().post(
                f"{app}/en/accounts/login/",
                data={"csrfmiddlewaretoken": token, "login": "editor@aula.test", "password": f"wrong-{attempt}"},
                headers={**proxied, "Referer": f"{site}/en/accounts/login/"},
                cookies={"csrftoken": page.cookies.get("csrftoken")},  # a Secure cookie: given by hand
                allow_redirects=False,
            )
            if answer.status_code not in (200, 429):
                raise SystemExit(f"login attempt {attempt}: {answer.status_code}\n{answer.text[:2000]}")
            refused.append(answer.status_code == 429 or "Too many failed login attempts" in answer.text)
        check(
            "failed logins are counted across both servers (5 per address in 5 minutes)",
            refused == [False] * 5 + [True] * 2,
            refused,
        )

        # The worker: the jobs seed_demo queued (certificate PDFs, receipts, the transcripts'
        # index, e-mails) all done, none failed, the certificates' PDFs stored.
        def count(query, in_database=database):
            answer = subprocess.run([*admin_db, "-d", in_database, "-Atc", query], capture_output=True, text=True)
            return int(answer.stdout.strip()) if answer.stdout.strip().isdigit() else -1

        queued = count("SELECT count(*) FROM django_q_ormq")
        certificates = count("SELECT count(*) FROM certificates_certificate WHERE revoked_at IS NULL")
        processes.start("worker", [PYTHON, "manage.py", "qcluster"], env)
        done = wait_for(
            lambda: (
                count("SELECT count(*) FROM django_q_ormq") == 0
                and count("SELECT count(*) FROM certificates_certificate WHERE revoked_at IS NULL AND pdf <> ''")
                == certificates
            ),
            300,
            interval=2,
        )
        failed = count("SELECT count(*) FROM django_q_task WHERE NOT success")
        check(
            f"the worker does the {queued} queued jobs, the {certificates} certificates' PDFs included",
            queued > 0 and certificates > 0 and done and failed == 0,
            f"queue left: {count('SELECT count(*) FROM django_q_ormq')}, failed: {failed}",
        )

        # Backup and restore (deploy/backup.sh, deploy/restore.sh) while the site runs: into a
        # new database and new folders, the same rows and files, nothing left to migrate.
        restored_database = f"{database}_restored"
        subprocess.run([*admin_db, "-c", f"CREATE DATABASE {restored_database}"], check=True)
        stack.callback(subprocess.run, [*admin_db, "-c", f"DROP DATABASE IF EXISTS {restored_database} WITH (FORCE)"])
        restored_env = {
            **env,
            "DATABASE_URL": server._replace(path=f"/{restored_database}").geturl(),
            "MEDIA_ROOT": str(folder / "restored/media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "restored/media-private"),
        }
        started = time.monotonic()
        backup = subprocess.run(
            ["bash", "deploy/backup.sh", str(folder / "backups")], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        restore = subprocess.run(
            ["bash", "deploy/restore.sh", backup.stdout.strip()],
            cwd=BASE_DIR, env=restored_env, capture_output=True, text=True,
        )  # fmt: skip
        check(
            f"deploy/backup.sh, then deploy/restore.sh into a new database and folders "
            f"({time.monotonic() - started:.0f} s)",
            backup.returncode == 0 and restore.returncode == 0,
            f"{backup.stderr.strip()} {restore.stderr.strip()}",
        )
        again = subprocess.run(
            ["bash", "deploy/restore.sh", backup.stdout.strip()],
            cwd=BASE_DIR, env=restored_env, capture_output=True, text=True,
        )  # fmt: skip
        check(
            "deploy/restore.sh refuses a database that is not empty",
            again.returncode == 1 and "restore into a new, empty one" in again.stderr,
            f"{again.returncode} {again.stderr.strip()}",
        )
        tables = (
            "wagtailcore_page", "courses_coursepage", "courses_enrollment", "courses_completion",
            "certificates_certificate", "accounts_user", "wagtaildocs_document", "courses_coursemedia",
        )  # fmt: skip
        counted = {
            table: (count(f"SELECT count(*) FROM {table}"), count(f"SELECT count(*) FROM {table}", restored_database))
            for table in tables
        }
        check(
            "the restored database has the same pages, courses, enrollments, certificates, users and files",
            all(original == copy and original > 0 for original, copy in counted.values()),
            counted,
        )
        original_files = files_in(env["MEDIA_ROOT"], env["PRIVATE_MEDIA_ROOT"])
        restored_files = files_in(restored_env["MEDIA_ROOT"], restored_env["PRIVATE_MEDIA_ROOT"])
        check(
            f"the restored folders hold the same {len(original_files)} files (names and sizes)",
            original_files and restored_files == original_files,
            f"{len(original_files ^ restored_files)} differ, e.g. {sorted(original_files ^ restored_files)[:3]}",
        )
        restored = json.loads(manage(restored_env, "shell", "-c", RESTORED_PROBE).strip().splitlines()[-1])
        check(
            f"on the restored site: no migration pending, all {restored['files']} files its rows name are there",
            restored["pending"] == 0 and restored["files"] > 0 and not restored["missing"],
            restored,
        )

        # Failures: Redis stopped — pages keep coming (from the database); then back.
        processes.stop("redis")
        without_redis = [through_nginx("/en/").status_code, through_nginx("/en/courses/").status_code]
        check("pages still served through nginx with Redis stopped", without_redis == [200, 200], without_redis)
        health = through_nginx("/healthz")
        check("/healthz says 503 while Redis is down", health.status_code == 503, health.status_code)

        if check.failures:
            for name in ("app-a", "app-b", "worker"):
                print(f"\n--- {name} (last lines) ---\n{processes.log(name)}")
            print(f"\n--- nginx errors ---\n{(folder / 'nginx-error.log').read_text(errors='replace')[-3000:]}")

    if check.failures:
        print(f"\n{len(check.failures)} check(s) failed: {', '.join(check.failures)}")
        return 1
    print("\nproduction check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
