"""The OpenAPI document of /api/v1/ is valid, and the API keeps to it.

The document is checked with openapi-spec-validator; then Schemathesis generates requests for
every operation (valid and invalid parameters) and sends them to the Django app in-process,
over WSGI, with the demo content loaded so that the answers are not empty lists. No answer
may be a server error, and each must match its documented status code, content type and
schema. Hypothesis is derandomized and bounded: a CI run is reproducible and takes about a
minute.
"""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from openapi_spec_validator import validate
from wagtail.models import Locale as WagtailLocale
from werkzeug.test import Client

from meetings import selectors
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


# Every check Schemathesis has for an API without state, named so that an upgrade that adds
# checks does not change the test: responses (status, content type, body, headers) and requests
# (what the document allows is accepted, what it forbids is refused, methods it does not list
# are refused with an Allow header).
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.positive_data_acceptance,
    schemathesis.checks.negative_data_rejection,
    schemathesis.checks.missing_required_header,
    schemathesis.checks.unsupported_method,
    schemathesis.checks.allow_header_conformance,
    schemathesis.checks.ignored_auth,
]


@schema.parametrize()
@settings(
    max_examples=60,
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


# A client generated from the served document with openapi-python-client, as a portal team
# would make one, used for typed calls: no hand-written model, no workaround.
GENERATOR_CONFIG = "post_hooks: []\n"


@pytest.fixture(scope="module")
def generated_client(tmp_path_factory):
    """The package ``spotkania_api_client``, generated into a temporary directory (about 2 s)."""
    where = tmp_path_factory.mktemp("generated")
    (where / "openapi.json").write_text(json.dumps(API_DOCUMENT))
    (where / "config.yaml").write_text(GENERATOR_CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(  # noqa: S603 -- the generator of this virtualenv, fixed arguments
        [
            str(generator),
            "generate",
            "--path=openapi.json",
            "--config=config.yaml",
            "--meta=none",
            "--output-path=spotkania_api_client",
            "--fail-on-warning",
        ],
        cwd=where,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("spotkania_api_client")
    finally:
        sys.path.remove(str(where))
        for name in [name for name in sys.modules if name.startswith("spotkania_api_client")]:
            del sys.modules[name]


@pytest.fixture
def portal(generated_client, in_process_app):
    """The generated client, talking to the app in this process over WSGI."""
    return generated_client.Client(
        base_url="http://testserver",
        httpx_args={"transport": httpx.WSGITransport(app=in_process_app)},
        raise_on_unexpected_status=True,
    )


def test_a_generated_client_reads_every_public_meeting_in_both_languages(generated_client, portal):
    from spotkania_api_client.api.meetings import get_meeting, list_meetings
    from spotkania_api_client.models import Locale, MeetingList, MeetingStatus

    for locale in Locale:
        page = list_meetings.sync(client=portal, locale=locale, limit=100)
        assert isinstance(page, MeetingList)
        language = Locale(locale.value)
        public = selectors.public_meetings(
            locale=WagtailLocale.objects.get(language_code=language.value)
        )
        assert sorted(item.id for item in page.items) == sorted(public.values_list("pk", flat=True))
        assert page.count == len(page.items) > 0
        for item in page.items:
            assert item.locale is language
            assert isinstance(item.status, MeetingStatus)
            assert item.start.utcoffset() is not None
        first = get_meeting.sync(page.items[0].id, client=portal, locale=locale)
        assert first.to_dict() == page.items[0].to_dict()


def test_a_generated_client_gets_typed_errors(generated_client, portal):
    from spotkania_api_client.api.meetings import get_meeting, list_meetings
    from spotkania_api_client.models import Error, Locale, ValidationErrors

    refused = list_meetings.sync(client=portal, locale=Locale.EN, limit=0)
    assert isinstance(refused, ValidationErrors)
    assert [problem.loc for problem in refused.detail] == [["query", "limit"]]

    unknown_sphere = list_meetings.sync(client=portal, sphere=["nie-ma-takiej"])
    assert isinstance(unknown_sphere, Error)
    assert "nie-ma-takiej" in unknown_sphere.detail

    missing = get_meeting.sync(2**62, client=portal, locale=Locale.PL)
    assert isinstance(missing, Error)


def test_a_generated_client_revalidates_with_its_etag(generated_client, portal):
    from spotkania_api_client.api.spheres import list_spheres
    from spotkania_api_client.models import Locale

    first = list_spheres.sync_detailed(client=portal, locale=Locale.PL)
    assert first.status_code == 200 and len(first.parsed) == 41
    again = list_spheres.sync_detailed(
        client=portal.with_headers({"If-None-Match": first.headers["ETag"]}), locale=Locale.PL
    )
    assert again.status_code == 304
