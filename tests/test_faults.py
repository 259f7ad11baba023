"""The site under faults: the database gone, its connections dropped, Redis down.

Each scenario runs the real site in gunicorn with production settings, in its own database
(tests/scratch_site.py), because pytest-django's test database cannot be stopped or restarted.
A full PostgreSQL restart under load is `make fault-check` (scripts/pg_restart_check.py).
"""

import json
import os

import pytest

from tests.scratch_site import (
    ScratchSite,
    admin_connection,
    get,
    on_postgresql,
    start_gunicorn,
    stop,
)

UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:5999/x"
UNREACHABLE_REDIS = "redis://127.0.0.1:6399/0"
PAGES = ["/", "/harmonogram/", "/ogloszenia/", "/en/", "/en/schedule/"]
API = ["/api/v1/meetings/", "/api/v1/announcements/?locale=en", "/api/v1/spheres/"]


@pytest.fixture(scope="module")
def database_gone():
    environment = {**os.environ, "DATABASE_URL": UNREACHABLE_DATABASE}
    environment.pop("REDIS_URL", None)
    server, base_url = start_gunicorn(environment)
    yield base_url
    stop(server)


@pytest.fixture(scope="module")
def scratch_site():
    site = ScratchSite()
    try:
        yield site.build()
    finally:
        site.close()


@pytest.mark.parametrize("path", ["/", "/harmonogram/", "/en/schedule/", "/ogloszenia/nie-ma/"])
def test_pages_answer_503_with_the_bilingual_page_when_the_database_is_gone(database_gone, path):
    status, headers, body = get(database_gone + path)

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Serwis chwilowo niedostępny" in body
    assert "Service temporarily unavailable" in body


@pytest.mark.parametrize("path", ["/api/v1/meetings/", "/api/v1/spheres/15/", "/api/v1/nothing/"])
def test_the_api_answers_503_with_json_when_the_database_is_gone(database_gone, path):
    status, headers, body = get(database_gone + path)

    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"] == "30"
    assert "unavailable" in json.loads(body)["detail"]


def test_the_503_page_is_not_cached_by_browsers_or_proxies(database_gone):
    _status, headers, _body = get(database_gone + "/")

    assert headers["Cache-Control"] == "no-store"


@pytest.mark.skipif(not on_postgresql(), reason="Dropping server connections needs PostgreSQL.")
def test_every_request_after_postgresql_drops_the_connections_succeeds(scratch_site):
    base_url = scratch_site.serve()
    warm = [get(base_url + path)[0] for path in PAGES + API]
    assert set(warm) == {200}

    with admin_connection() as connection:
        terminated = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [scratch_site.database],
        ).fetchone()[0]
    after = [(path, get(base_url + path)[0]) for path in PAGES + API]

    assert terminated >= 1
    assert after == [(path, 200) for path in PAGES + API]


def test_pages_and_the_api_are_served_while_redis_is_down(scratch_site):
    base_url = scratch_site.serve(REDIS_URL=UNREACHABLE_REDIS)

    statuses = [(path, get(base_url + path)[0]) for path in PAGES + API]

    assert statuses == [(path, 200) for path in PAGES + API]
