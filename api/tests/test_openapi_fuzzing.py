"""The API exercised by a client built from its own OpenAPI schema (schemathesis): every
operation, with a key holding every scope, with data that fits the schema and data that
does not; no 5xx, and every answer as the schema says (status, content type, body).

(schemathesis's ``from_fixture``/``parametrize`` does not run under pytest 9, so each
operation's hypothesis strategy is drawn from here.)"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from courses.learning.enrollment import Source, enroll

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 10  # per operation and mode: the whole run stays well under a minute


@pytest.fixture
def whole_key(make_key, settings):
    settings.AULA_API_RATE = "100000/minute"  # the rate limit has its own test
    return make_key()[1]


@pytest.fixture
def api_schema(db, whole_key, free_course, paid_course, student):
    """The schema as the site serves it, from a WSGI handler that keeps the test's database
    connection open between requests (as Django's test client does)."""
    enroll(student, free_course, Source.FREE)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations(api_schema):
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert len(found) == 11  # every operation of /api/v1/ is in the schema
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_its_schema_says(api_schema, whole_key, mode):
    # identity: the WSGI transport does not undo the gzip the site answers browsers with
    headers = {"Authorization": f"Bearer {whole_key}", "Accept-Encoding": "identity"}
    for operation in operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        call()
