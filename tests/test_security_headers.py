"""Production's security settings: the deploy check, the headers, hosts and absolute links."""

import base64
import hashlib
import importlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "USE_X_FORWARDED_HOST",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
]


def production_env(**extra) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50)[:50],
        ALLOWED_HOSTS="spotkania.example.org",
        **extra,
    )
    return environment


@pytest.fixture
def production(monkeypatch):
    """The security settings of cms.settings.production, applied over the test settings."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    module = importlib.import_module("cms.settings.production")
    with override_settings(**{name: getattr(module, name) for name in SECURITY_SETTINGS}):
        yield


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_production_passes_the_deploy_check_at_warning_level():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/api/v1/meetings/"])
def test_public_responses_carry_the_security_headers(client, production, demo, url):
    response = client.get(url, **HTTPS)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_public_policy_allows_no_inline_script_and_no_framing(client, production, demo):
    directives = policy(client.get("/", **HTTPS))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "https://www.youtube-nocookie.com" in directives["frame-src"]
    assert "upgrade-insecure-requests" in directives


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, production):
    directives = policy(client.get("/admin/login/", **HTTPS))

    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, production):
    response = client.get("/admin/login/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure(client, production, django_user_model):
    django_user_model.objects.create_superuser("redaktor", "r@example.org", "haslo-redaktora")
    client.get("/admin/login/", **HTTPS)
    client.post("/admin/login/", {"username": "redaktor", "password": "haslo-redaktora"}, **HTTPS)

    assert client.cookies["sessionid"]["secure"] is True
    assert client.cookies["csrftoken"]["secure"] is True


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["spotkania.example.org"])
def test_an_unknown_host_gets_400(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400


def test_the_inline_styles_of_standalone_error_pages_are_allowed_by_their_hash():
    styles = [
        style
        for template in sorted((ROOT / "templates").glob("*.html"))
        for style in re.findall(r"<style>(.*?)</style>", template.read_text(), re.S)
    ]
    digests = {
        "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
        for style in styles
    }

    assert styles
    assert digests <= set(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"])


FORGED = "forged.example"


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["*"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/?limit=1",
        "/sitemap.xml",
        "/ogloszenia/rss.xml",
        "/harmonogram/feed.ics",
        "/widget/",
    ],
)
def test_absolute_links_use_the_site_address_not_the_request_host(client, demo, url):
    response = client.get(url, HTTP_HOST=FORGED)
    body = response.content.decode()

    assert response.status_code == 200
    assert "http://testserver/" in body
    assert FORGED not in body
