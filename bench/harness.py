"""The bench's machinery: servers (gunicorn, 2 sync workers), their workers' CPU time and
memory read from /proc, one measurement with wrk (or a Python loop without it), throw-away
databases. No Django here: the orchestrator (courses_pages.py) imports it before any
settings exist, and each data set's Django work runs in a child process (datasets.py).

Only 127.0.0.1 is contacted; every wait is bounded.
"""

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- /proc -------------------------------------------------------------------------------
def children(pid):
    """The processes whose parent is ``pid`` (gunicorn's workers, for its master)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # ended meanwhile
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def cpu_seconds(pid):
    """User + system CPU time of one process so far (utime + stime in /proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of the whole line


def rss_kib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


# --- Servers -----------------------------------------------------------------------------
def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def get(url, cookie=None, timeout=30):
    """(status, body) of one GET as wrk sends it: redirects are answers, not followed."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


class Server:
    """A gunicorn master and its workers. ``process`` is the master (a ``Popen``)."""

    def __init__(self, name, process, base):
        self.name, self.process, self.base = name, process, base

    def workers(self):
        return children(self.process.pid)

    def cpu(self):
        """{worker pid: CPU seconds so far}."""
        return {pid: cpu_seconds(pid) for pid in self.workers()}

    def rss_kib(self):
        """The largest resident set among the workers (a warm worker's memory)."""
        sizes = [size for size in (rss_kib(pid) for pid in self.workers()) if size]
        return max(sizes) if sizes else None

    def stop(self):
        stop(self.process)


@functools.cache
def _gunicorn():
    """gunicorn's path and its options every server gets: no control socket (gunicorn 25+
    opens one at the same path for every master, and the servers run side by side)."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    usage = subprocess.run([gunicorn, "--help"], capture_output=True, text=True, timeout=60).stdout
    return gunicorn, ["--no-control-socket"] if "--no-control-socket" in usage else []


def start_gunicorn(name, app, env, cwd, probe="/bench/trivial/", workers=2):
    """gunicorn with ``workers`` sync workers on a free port of 127.0.0.1, serving ``app``
    (module:callable, looked up in the repository and bench/); waits until it answers."""
    port = free_port()
    gunicorn, options = _gunicorn()
    command = [gunicorn, *options, "--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
               "--timeout", "120", "--log-level", "warning",
               "--pythonpath", f"{BASE_DIR},{BENCH_DIR}", app]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=cwd)  # cwd: not the repository, whose gunicorn.conf.py
    server = Server(name, process, f"http://127.0.0.1:{port}")  # would be read otherwise
    wait_until_up(server, probe)
    return server


def start_gunicorn_with_config(name, app, env, cwd, config, probe="/bench/trivial/"):
    """``--config repo``: the repository's gunicorn.conf.py (its workers, threads, timeouts)."""
    port = free_port()
    gunicorn, options = _gunicorn()
    command = [gunicorn, *options, "-c", str(config), "--log-level", "warning"]
    command += ["--pythonpath", f"{BASE_DIR},{BENCH_DIR}", app]
    process = subprocess.Popen(command, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESSLOG": ""},
                               cwd=cwd)  # fmt: skip
    server = Server(name, process, f"http://127.0.0.1:{port}")
    wait_until_up(server, probe)
    return server


def wait_until_up(server, probe, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name}: gunicorn exited with {server.process.returncode}")
        try:
            with urllib.request.urlopen(server.base + probe, timeout=10) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    stop(server.process)
    raise SystemExit(f"{server.name}: no answer on {server.base} after {timeout} s")


def stop(process):
    """Gunicorn's master stops its workers on SIGTERM; kill it if it does not within the bound."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- One measurement ---------------------------------------------------------------------
def measure(server, path, cookie, seconds, clients):
    """Load one page for ``seconds`` with ``clients`` connections; returns requests/second,
    requests, errors (non-2xx/3xx answers and socket errors), p50/p95 latency (ms) and the
    server's workers' CPU milliseconds per request over the same interval."""
    before = server.cpu()
    if shutil.which("wrk"):
        result = _wrk(server.base + path, cookie, seconds, clients)
    else:
        result = _python_loop(server.base + path, cookie, seconds, clients)
    after = server.cpu()
    same = [pid for pid in after if before.get(pid) is not None and after[pid] is not None]
    result["cpu_ms"] = None
    if result["requests"] and len(same) == len(after) == len(before):  # no worker replaced meanwhile
        used = sum(after[pid] - before[pid] for pid in same)
        result["cpu_ms"] = 1000 * used / result["requests"]
    return result


def _wrk(url, cookie, seconds, clients):
    command = ["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
               "-s", str(BENCH_DIR / "latency.lua")]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        failed += sum(int(n) for n in sockets.groups())
    latency = re.search(r"AULA-LATENCY p50=(\d+) p95=(\d+)", output)
    return {"rps": rps, "requests": requests, "errors": failed,
            "p50_ms": int(latency.group(1)) / 1000, "p95_ms": int(latency.group(2)) / 1000}  # fmt: skip


def _python_loop(url, cookie, seconds, clients):
    """Without wrk (slower: it caps what it can measure)."""
    headers = {"Cookie": cookie} if cookie else {}
    done, errors = [0] * clients, [0] * clients
    latencies = [[] for _ in range(clients)]
    stop_at = time.monotonic() + seconds

    def loop(i):
        while time.monotonic() < stop_at:
            began = time.monotonic()
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
                    response.read()
                    done[i] += 1
                latencies[i].append((time.monotonic() - began) * 1000)
            except OSError:
                errors[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    samples = sorted(ms for per_client in latencies for ms in per_client) or [0.0]
    return {"rps": sum(done) / elapsed, "requests": sum(done), "errors": sum(errors),
            "p50_ms": samples[len(samples) // 2],
            "p95_ms": samples[min(len(samples) - 1, int(len(samples) * 0.95))]}  # fmt: skip


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- Databases ---------------------------------------------------------------------------
class Postgres:
    """Throw-away databases beside the one ``url`` names: a migrated template, then one copy
    per data set (``CREATE DATABASE ... TEMPLATE``: seconds, not a second migration)."""

    def __init__(self, url):
        self.url = url
        self.base = url.rpartition("/")[0]
        self.prefix = f"aula_bench_{os.getpid()}"
        self.made = []

    def _run(self, sql):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self, name, template=None):
        full = f"{self.prefix}_{name}"
        self._run(f"CREATE DATABASE {full}" + (f" TEMPLATE {template.rpartition('/')[2]}" if template else ""))
        self.made.append(full)
        return f"{self.base}/{full}"

    def drop_all(self):
        for name in reversed(self.made):
            self._run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.made = []


def copy_sqlite(template_url, url):
    source, target = template_url.removeprefix("sqlite:///"), url.removeprefix("sqlite:///")
    shutil.copyfile(source, target)  # the template's connections are closed: no WAL left behind
    return url
