"""Property-based tests of the API against its own OpenAPI schema (schemathesis, in process over WSGI).

Every GET operation of ``/api/schema/`` gets a bounded number of generated requests (``MAX_EXAMPLES`` each) on a
database holding a small synthetic timeline; no answer may be a 5xx, and every answer must match the schema
(status code documented, content type and body as declared). Writes need an authenticated user and are left to
the API's own tests.

The schema is loaded inside the test, not at collection (schemathesis' lazy ``from_fixture`` loader does not work
with pytest 9), and each operation runs as its own hypothesis test, so a failure names the operation.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose close_old_connections would close the
    test's connection (it is inside the test transaction); Django's own test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_get_operation_answers_within_its_schema(keep_test_connection):
    from timeline.synthetic import synthetic_generate

    synthetic_generate(events=200, seed=11)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(method="GET")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(operation.path.startswith("/api/events") for operation in operations), "the schema lists the API"
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case):
            cache.clear()  # the anonymous throttle counts in the cache; hundreds of examples are not abuse
            case.call_and_validate(checks=CHECKS)

        try:
            check()
        except Exception as error:  # noqa: BLE001 (collect every operation's failure, then report them all)
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)
