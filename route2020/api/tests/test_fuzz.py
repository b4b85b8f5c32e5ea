"""Schemathesis over the OpenAPI document, against the WSGI application (no server).

Every operation of /api/v1/openapi.json (so also those of an app added later) gets requests
generated from its schema, valid ones and invalid ones, and every answer must be no server
error and must match the document: status code, content type, headers and body. Bounded
(FUZZ_EXAMPLES per operation and mode, the same examples on every run) to stay well under a
minute; set API_FUZZ_EXAMPLES=500 to search harder.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

FUZZ_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "20"))
# A valid request may be refused only for a cursor that was not taken from a page: the
# document cannot say which strings are cursors. Any other refusal is a 422 and fails.
CONFIG = {
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
        }
    }
}

pytestmark = pytest.mark.django_db


def fuzz(operation, mode, failures):
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate()

    try:
        run()
    except Unsatisfiable:
        # No invalid request exists for an operation without parameters.
        assert mode == GenerationMode.NEGATIVE, operation.label
    except Exception as error:  # noqa: BLE001 - every failure is reported at the end
        failures.append(f"{operation.label} ({mode.value}):\n{error}")


@pytest.fixture
def wsgi_application():
    """The WSGI application inside the test's transaction: like Django's test client, keep
    the handler from closing the connection (and the transaction) after each request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from route2020.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_answers_every_generated_request_as_documented(open_data, wsgi_application):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_application, config=SchemathesisConfig.from_dict(CONFIG)
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert {"GET /api/v1/practices/", "GET /api/v1/events/{id}/"} <= labels
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, failures)
    assert not failures, "\n\n".join(failures)
