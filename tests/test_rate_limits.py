"""Per-client limits on the API and the search: 429 with Retry-After, counted in the cache."""

import socket
import types
import uuid

import pytest
from django.test import override_settings

from cms import ratelimit

API = "/api/v1/spheres/"
CLOSED_PORT_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The limiter's clock, stopped halfway through a window.

    The window is fixed: requests that straddle its end would start a new count, so a test
    that reads the clock would fail whenever it ran across the turn of a minute.
    """
    now = types.SimpleNamespace(value=1_800_000_030.5)
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: now.value))
    return now


def redis_is_running() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=3)
def test_the_api_answers_429_with_json_and_retry_after_past_the_limit(client):
    statuses = [client.get(API).status_code for _ in range(3)]
    response = client.get(API)

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Too many requests" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
@override_settings(RATE_LIMIT_SEARCH=2)
@pytest.mark.parametrize(("url", "language"), [("/szukaj/", "pl"), ("/en/search/", "en")])
def test_the_search_answers_with_a_friendly_429_page_in_its_language(client, url, language):
    for _ in range(2):
        assert client.get(url, {"q": "kultura"}).status_code == 200
    response = client.get(url, {"q": "kultura"})

    assert response.status_code == 429
    assert f'<html lang="{language}">' in response.content.decode()
    assert response.templates[0].name == "429.html"
    assert int(response["Retry-After"]) >= 1


@pytest.mark.django_db
@override_settings(RATE_LIMIT_SEARCH=1)
def test_the_429_page_says_when_to_try_again(client):
    client.get("/en/search/", {"q": "kultura"})
    response = client.get("/en/search/", {"q": "kultura"})

    assert "Too many searches from your address: try again in 30 s." in response.content.decode()
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=1)
def test_the_count_starts_again_when_the_window_ends(client, clock):
    assert client.get(API).status_code == 200
    assert client.get(API).status_code == 429

    clock.value += 30

    assert client.get(API).status_code == 200
    assert client.get(API).status_code == 429


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=2)
def test_another_client_address_has_its_own_count(client):
    for _ in range(3):
        client.get(API, REMOTE_ADDR="192.0.2.1")

    assert client.get(API, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(API, REMOTE_ADDR="192.0.2.2").status_code == 200


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=1, RATE_LIMIT_SEARCH=1)
def test_other_pages_are_not_limited(client):
    statuses = {client.get("/robots.txt").status_code for _ in range(3)}

    assert statuses == {200}


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=1)
def test_a_forged_forwarded_for_does_not_escape_the_limit_without_trusted_proxies(client):
    client.get(API, HTTP_X_FORWARDED_FOR="203.0.113.1")
    response = client.get(API, HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=1, TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(client):
    client.get(API, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1")
    same_client = client.get(API, HTTP_X_FORWARDED_FOR="198.51.100.8, 203.0.113.1")
    other_client = client.get(API, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.2")

    assert same_client.status_code == 429
    assert other_client.status_code == 200


@pytest.mark.django_db
@override_settings(RATE_LIMIT_API=1, CACHES=CLOSED_PORT_REDIS)
def test_the_api_keeps_serving_when_the_cache_is_down(client):
    statuses = [client.get("/api/v1/venues/").status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
@pytest.mark.django_db
def test_the_count_is_shared_through_redis(client):
    import redis as redis_client

    # A prefix of this run's own: other runs may share the Redis database.
    prefix = f"spotkania-test-ratelimit-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(RATE_LIMIT_API=2, CACHES=caches):
        try:
            statuses = [client.get(API).status_code for _ in range(3)]
        finally:
            server = redis_client.Redis.from_url("redis://127.0.0.1:6379/15")
            for key in server.scan_iter(match=f"{prefix}:*"):
                server.delete(key)

    assert statuses == [200, 200, 429]


RESET = "/admin/password_reset/"


@pytest.fixture
def editors(django_user_model):
    return [
        django_user_model.objects.create_user(f"redaktor{n}", f"redaktor{n}@example.org", "x")
        for n in range(8)
    ]


def ask_for_reset(client, email, address="192.0.2.30"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PASSWORD_RESET=5)
def test_password_reset_requests_from_one_address_are_limited(client, editors, mailoutbox):
    statuses = [ask_for_reset(client, user.email).status_code for user in editors[:5]]
    response = ask_for_reset(client, editors[5].email)

    assert statuses == [302] * 5
    assert response.status_code == 429
    assert len(mailoutbox) == 5
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PASSWORD_RESET=5)
def test_password_reset_requests_for_one_email_address_are_limited_from_any_address(
    client, editors, mailoutbox
):
    email = editors[0].email
    statuses = [
        ask_for_reset(client, email, address=f"198.51.100.{n}").status_code for n in range(5)
    ]
    response = ask_for_reset(client, email.upper(), address="203.0.113.9")

    assert statuses == [302] * 5
    assert response.status_code == 429
    assert len(mailoutbox) == 5
    assert ask_for_reset(client, editors[1].email, address="203.0.113.9").status_code == 302


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PASSWORD_RESET=1)
def test_the_password_reset_429_page_speaks_polish_and_says_when_to_try_again(
    client, editors, clock
):
    ask_for_reset(client, editors[0].email)

    response = ask_for_reset(client, editors[1].email)

    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="pl"' in html
    assert "Zbyt wiele próśb o zmianę hasła" in html
    # The clock stands 30.5 s into an hour-long window: 59 min 29.5 s are left.
    assert response["Retry-After"] == str(3600 - 1_800_000_030 % 3600)
    assert f"{-(-int(response['Retry-After']) // 60)} min" in html


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PASSWORD_RESET=1)
def test_the_password_reset_form_itself_is_not_limited(client):
    statuses = {client.get(RESET).status_code for _ in range(3)}

    assert statuses == {200}


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PASSWORD_RESET=0)
def test_a_password_reset_limit_of_zero_turns_it_off(client, editors):
    statuses = {ask_for_reset(client, editors[0].email).status_code for _ in range(7)}

    assert statuses == {302}
