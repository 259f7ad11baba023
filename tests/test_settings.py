import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_django(settings, env, code="import django; django.setup(); print('ok')"):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE=settings)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("cms.settings.production", {})

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_reads_its_configuration_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DATABASES['default']['ENGINE'], "
        "s.CACHES['default']['BACKEND'], s.WAGTAILADMIN_BASE_URL, s.DEBUG)"
    )
    result = run_django(
        "cms.settings.production",
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "spotkania.krakow.pl, www.spotkania.krakow.pl",
            "CSRF_TRUSTED_ORIGINS": "https://spotkania.krakow.pl",
            "DATABASE_URL": "postgres://app@db.internal:5432/spotkania",
            "REDIS_URL": "redis://cache.internal:6379/0",
            "WAGTAILADMIN_BASE_URL": "https://spotkania.krakow.pl",
        },
        code,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "['spotkania.krakow.pl', 'www.spotkania.krakow.pl'] ['https://spotkania.krakow.pl'] "
        "django.db.backends.postgresql cms.redis_cache.SiteRedisCache "
        "https://spotkania.krakow.pl False"
    )


def test_the_embedded_default_is_sqlite():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run_django("cms.settings.dev", {}, code)

    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.parametrize("po_path", sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po")))
def test_compiled_catalogues_match_their_sources(po_path):
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}

    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert compiled.get(key) == (entry.msgstr, entry.msgstr_plural), key


@pytest.mark.parametrize("po_path", sorted(ROOT.glob("*/locale/pl/LC_MESSAGES/django.po")))
def test_every_interface_string_has_a_polish_translation(po_path):
    po = polib.pofile(str(po_path))

    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.django_db
def test_the_account_page_offers_no_time_zone_but_the_citys(client, editor):
    client.force_login(editor)

    response = client.get("/admin/account/")

    assert response.status_code == 200
    assert "current_time_zone" not in response.content.decode()
