"""Every answer carries a request id (the trusted proxy's, else a new one), and every log line
written while the request is handled carries the same id — as JSON in production."""

import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from lms_site.request_ids import RequestIdFilter

pytestmark = pytest.mark.django_db

MISSING_PAGE = "/en/no-such-page-for-request-ids/"


@pytest.fixture
def console_lines():
    """The lines the console handler of ``LOGGING`` writes, formatted as JSON (production's
    format), as a list of dicts, filled in as they are written."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(each, RequestIdFilter) for each in handler.filters)
    )
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    json_formatter = configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    stream = io.StringIO()
    old_stream, old_formatter = handler.setStream(stream), handler.formatter
    handler.setFormatter(json_formatter)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)


def test_each_answer_carries_a_new_request_id(client):
    first = client.get(MISSING_PAGE)["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second


def test_the_trusted_proxy_request_id_is_kept(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get(MISSING_PAGE, headers={"X-Request-ID": "3f2a9c0e5b7d41e8a6c2f0d9b8e7a615"})
    assert response["X-Request-ID"] == "3f2a9c0e5b7d41e8a6c2f0d9b8e7a615"


def test_a_client_cannot_choose_its_request_id_without_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    response = client.get(MISSING_PAGE, headers={"X-Request-ID": "chosen-by-the-client"})
    assert response["X-Request-ID"] != "chosen-by-the-client"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.parametrize("forged", ["two words", "line\nERROR forged", "x" * 129, ""])
def test_a_malformed_request_id_from_the_proxy_is_replaced(client, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get(MISSING_PAGE, headers={"X-Request-ID": forged})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_requests_log_lines_carry_its_id_as_json(client, settings, console_lines):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get(MISSING_PAGE, headers={"X-Request-ID": "req-0001"})
    logging.getLogger("aula.test").warning("after the request")

    assert response.status_code == 404
    lines = console_lines()
    not_found = [line for line in lines if line["message"] == f"Not Found: {MISSING_PAGE}"]
    assert not_found, lines
    assert not_found[0]["request_id"] == "req-0001"
    assert not_found[0]["level"] == "WARNING"
    assert not_found[0]["logger"] == "django.request"
    assert "time" in not_found[0]
    after = [line for line in lines if line["message"] == "after the request"]
    assert after[0]["request_id"] == "-"


def test_an_unknown_log_format_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms_site.settings.test", "LOG_FORMAT": "xml"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr
