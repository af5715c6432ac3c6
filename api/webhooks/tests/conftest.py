"""A real HTTP receiver for the webhooks' tests: a server on 127.0.0.1 (an ephemeral port,
in a thread) that checks every request's signature with the snippet of
docs/developers/webhooks.md, as written there."""

import ipaddress
import json
import re
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from api.webhooks import events
from api.webhooks.models import Endpoint

DOCS = Path(settings.BASE_DIR) / "docs" / "developers" / "webhooks.md"


def receiver_snippet():
    """The Python block under ``<!-- receiver-snippet -->`` in the docs, executed."""
    text = DOCS.read_text()
    code = re.search(r"<!-- receiver-snippet -->\n```python\n(.*?)```", text, re.S).group(1)
    namespace = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 — our own docs, tested as written
    return namespace


class Received:
    def __init__(self, path, headers, body, verified):
        self.path, self.headers, self.body, self.verified = path, headers, body, verified

    @property
    def event(self):
        return json.loads(self.body)


class Receiver:
    """Answers each POST with the next of ``answers`` ((status, body, wait)) or 200 "ok";
    ``wait``: block that many seconds before answering (a slow receiver)."""

    def __init__(self):
        self.verify = receiver_snippet()["verify_aula_signature"]
        self.secrets = []
        self.received = []
        self.answers = deque()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                header = self.headers.get("Aula-Signature", "")
                verified = any(receiver.verify(body, header, secret) for secret in receiver.secrets)
                receiver.received.append(Received(self.path, dict(self.headers), body, verified))
                status, text, wait = receiver.answers.popleft() if receiver.answers else (200, "ok", 0)
                if wait:
                    receiver.release.wait(wait)
                payload = text.encode()
                try:
                    self.send_response(status)
                    if 300 <= status < 400:
                        self.send_header("Location", receiver.url("/moved"))
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path="/hooks/aula"):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def answer(self, status, text="", wait=0):
        self.answers.append((status, text, wait))

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture
def endpoint(db, receiver):
    """An active endpoint for every event, at the receiver, whose secret the receiver knows."""
    made = Endpoint.objects.create(url=receiver.url(), events=list(events.TYPES), description="Test receiver")
    receiver.secrets.append(made.secret)
    return made


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.AULA_WEBHOOKS_TIMEOUT_SECONDS = 2
    settings.AULA_WEBHOOKS_RETRY_SECONDS = 60
    settings.AULA_WEBHOOKS_MAX_ATTEMPTS = 3
    settings.SITE_URL = "http://testserver"
    settings.AULA_CURRENCY = "USD"
    settings.AULA_DEV_PAYMENTS = True
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.AULA_CERTIFICATE_SIGNING_KEY = key.decode()


@pytest.fixture
def production_urls(settings):
    """The production values: private addresses refused, https required."""
    settings.AULA_WEBHOOKS_ALLOW_PRIVATE_URLS = False
    settings.AULA_WEBHOOKS_REQUIRE_HTTPS = True


@pytest.fixture
def resolving(monkeypatch):
    """``resolving({"hooks.example.org": ["93.184.215.14"]})``: DNS answers as told (each
    name's list is served in turn, the last one repeated); other names fail to resolve."""
    import socket

    real = socket.getaddrinfo

    def install(table):
        answers = {name: deque(addresses) for name, addresses in table.items()}

        def getaddrinfo(host, port, *args, **kwargs):
            try:
                ipaddress.ip_address(host)
            except ValueError:
                pass
            else:
                return real(host, port, *args, **kwargs)  # an address, not a name
            if host not in answers:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            queue = answers[host]
            address = queue.popleft() if len(queue) > 1 else queue[0]
            if ":" in address:
                return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port or 0, 0, 0))]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    return install
