"""The OpenAPI document of /api/v1/ is valid, and the API keeps to it.

The document is checked with openapi-spec-validator; then Schemathesis generates requests for
every operation (valid and invalid parameters) and sends them to the Django app in-process,
over WSGI, with the demo content loaded so that the answers are not empty lists. No answer
may be a server error, and each must match its documented status code, content type and
schema. Hypothesis is derandomized and bounded: a CI run is reproducible and takes about a
minute.
"""

import io
import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from openapi_spec_validator import validate
from werkzeug.test import Client

from meetings.api.views import api

OPENAPI_URL = "/api/v1/openapi.json"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

# Schemathesis needs the document when pytest collects, before any database exists, to make
# one test per operation (its lazy `schemathesis.pytest.from_fixture` loader does not run on
# pytest 9.2: it sets `Function._nodeid`, which pytest no longer has). The document is built
# here as /api/v1/openapi.json builds it; test_schemathesis_fuzzes_the_served_document checks
# it is the one the API serves. On pytest 9.2 the per-operation items share one node id; pick
# one with -k, e.g. `-k announcement_id`.
API_DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
schema = schemathesis.openapi.from_dict(API_DOCUMENT)


@pytest.fixture
def served_document(client, db):
    response = client.get(OPENAPI_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_openapi_document_is_valid(served_document):
    validate(served_document)
    assert served_document["openapi"].startswith("3.")
    assert served_document["paths"], "The document describes no operations."


def test_every_get_operation_documents_its_200_json_schema(served_document):
    operations = [
        (path, method, operation)
        for path, item in served_document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
    assert {method for _, method, _ in operations} == {"get"}, "The API is read-only."
    for path, _, operation in operations:
        ok = operation["responses"].get("200")
        assert ok is not None, f"GET {path} documents no 200 response."
        assert ok["content"]["application/json"]["schema"], f"GET {path}: 200 has no schema."


def test_schemathesis_fuzzes_the_served_document(served_document):
    assert served_document == API_DOCUMENT


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module (about 3 s) in a transaction rolled back
    after its last test; each test's own transaction (the `db` fixture) is a savepoint in it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def in_process_app(demo_content, db):
    """The project's WSGI handler, called in this thread on the test's database connection.

    Django closes "old" connections when a request starts and ends, which inside the test's
    transaction would close the test connection (on PostgreSQL); as Django's test client does,
    the handler runs without those two receivers.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_fuzzed_app_serves_the_demo_content(in_process_app):
    response = Client(in_process_app).get("/api/v1/meetings/", query_string={"limit": 1})
    assert response.status_code == 200
    assert response.json["count"] > 1 and response.json["items"]


def _is_error_shape(body) -> bool:
    """The 422 the API promises: {"detail": [{"loc": ["query", name], "msg": ...}, ...]}."""
    detail = body.get("detail") if isinstance(body, dict) else None
    return bool(detail) and all(
        isinstance(error.get("loc"), list)
        and error["loc"]
        and isinstance(error.get("msg"), str)
        and error["msg"]
        for error in detail
    )


def status_code_conformance_or_422(ctx, response, case):
    """Schemathesis's status_code_conformance, except that 422 is allowed for bad parameters.

    django-ninja answers invalid parameters with 422 but leaves 422 out of the OpenAPI
    document, so the built-in check fails on every negative case for that reason alone. It is
    excluded and replaced by this one, which still fails on any other undocumented status and
    holds a 422 to the error shape the API promises.
    """
    if response.status_code != 422:
        return schemathesis.checks.status_code_conformance(ctx, response, case)
    assert response.headers.get("content-type", [""])[0].startswith("application/json")
    assert _is_error_shape(response.json()), f"Not the documented 422 shape: {response.text}"
    return None


# The checks this test holds the API to, explicitly, so a Schemathesis upgrade that enables more
# by default does not change the test. Left out: the request-side checks (positive_data_acceptance
# and negative_data_rejection) -- `sphere` takes any string in the document but only the spheres
# in the database in fact, and pydantic reads a number in `from`/`to` as a Unix timestamp.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance_or_422,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        # The app and its data are shared by the examples of an operation: the API is read-only.
        HealthCheck.function_scoped_fixture,
    ],
)
def test_the_api_keeps_to_its_openapi_document(case, in_process_app):
    """No 5xx; documented status codes, content types and bodies; for every operation."""
    case.call_and_validate(app=in_process_app, checks=CHECKS)
