"""Aula's own servers (gunicorn, the job cluster) started as production starts them, for the
failure tests: in a process group of their own, on this test's database, their log read as
it is written."""

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def settings_module(folder, *lines):
    """A settings module in ``folder``: the test settings on this test's database, then ``lines``."""
    module = Path(folder) / "server_settings.py"
    module.write_text(
        "\n".join(
            [
                "from lms_site.settings.test import *  # noqa",
                f"DATABASES = {{'default': {{**DATABASES['default'], 'NAME': {connection.settings_dict['NAME']!r}}}}}",
                *lines,
                "",
            ]
        )
    )
    return module


class Server:
    """``command`` (arguments after the Python interpreter) run with ``module``'s settings."""

    def __init__(self, module, *command):
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(module.parent), str(BASE_DIR)]),
            "DJANGO_SETTINGS_MODULE": module.stem,
        }
        self.process = subprocess.Popen(
            [sys.executable, *command], cwd=BASE_DIR, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        self.log = []
        self._partial = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stderr, selectors.EVENT_READ)

    def wait_until(self, condition, deadline):
        """Check ``condition()`` each time the server logs something (and every second while
        it is quiet) until it holds; False at the deadline (``time.monotonic()``) or if it exits."""
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                return False
            self._read(timeout=min(remaining, 1.0))
        return True

    def drain(self):
        """Read what the server has logged so far, without waiting for more."""
        while self._read(timeout=0):
            pass

    def _read(self, timeout):
        """Add what the server logged to ``log`` (waiting up to ``timeout`` seconds for it)."""
        if not self._selector.select(timeout=timeout):
            return False
        chunk = os.read(self.process.stderr.fileno(), 65536)
        if not chunk:
            return False
        *lines, self._partial = (self._partial + chunk).split(b"\n")
        self.log.extend(line.decode(errors="replace") + "\n" for line in lines)
        return True

    def logged(self, text):
        return sum(text in line for line in self.log)

    def tail(self, lines=30):
        return "".join(self.log[-lines:])

    def kill(self):
        """SIGKILL every process of the server (master, workers, …) at once."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._selector.close()
        self.process.stderr.close()
