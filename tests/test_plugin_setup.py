"""The plugin sets itself up in a site by command, not by migrations of site policy, and its
modules need nothing of the example host."""

import io
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Locale, Page, Workflow

import meetings
from meetings import roles
from meetings.models import AnnouncementIndexPage, SchedulePage, Sphere
from meetings.spheres import load_spheres

ROOT = Path(__file__).resolve().parent.parent


def setup(parent="/", *extra) -> str:
    out = io.StringIO()
    call_command("meetings_setup", "--parent", parent, *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_setup_makes_the_index_and_the_schedule_in_every_content_language(home):
    output = setup()

    for model in (AnnouncementIndexPage, SchedulePage):
        pages = model.objects.filter(live=True)
        languages = sorted(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        assert sorted(pages.values_list("locale__language_code", flat=True)) == languages
        assert pages.values("translation_key").distinct().count() == 1
    polish_index = AnnouncementIndexPage.objects.get(locale__language_code="pl")
    assert polish_index.get_parent().pk == home.pk
    assert polish_index.slug == "ogloszenia"
    assert SchedulePage.objects.get(locale__language_code="en").title == "Schedule of meetings"
    assert output.count("Created:") == 2 * len(languages)


@pytest.mark.django_db
def test_setup_run_again_changes_nothing(home):
    setup()
    pages = list(Page.objects.values_list("pk", "title", "slug", "live"))

    output = setup(str(home.pk))

    assert list(Page.objects.values_list("pk", "title", "slug", "live")) == pages
    assert "Created:" not in output


@pytest.mark.django_db
def test_setup_refuses_an_unknown_parent():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No page"):
        setup("/nie-ma-takiej-strony/")


@pytest.mark.django_db
def test_a_content_language_added_later_gets_the_spheres():
    Sphere.objects.filter(locale__language_code="en").delete()
    Locale.objects.filter(language_code="en").delete()

    Locale.objects.create(language_code="en")

    english = Sphere.objects.filter(locale__language_code="en")
    assert english.count() == 41
    fifth = Sphere.objects.get(locale__language_code="pl", number="5")
    assert english.get(number="5").translation_key == fifth.translation_key


@pytest.mark.django_db
def test_loading_the_spheres_again_keeps_moderators_corrections():
    sphere = Sphere.objects.get(locale__language_code="pl", number="5")
    sphere.display_name = "poprawiona nazwa"
    sphere.save()

    assert load_spheres() == 0
    assert Sphere.objects.get(pk=sphere.pk).display_name == "poprawiona nazwa"


@pytest.mark.django_db
def test_roles_give_moderators_alone_the_right_to_change_what_published_pages_show():
    Group.objects.filter(name__in=[roles.EDITORS, roles.MODERATORS, roles.TRANSLATORS]).delete()
    Workflow.objects.all().delete()

    setup("/", "--roles")
    setup("/", "--roles")

    published = set(
        Permission.objects.filter(codename__startswith="change_published_").values_list(
            "codename", flat=True
        )
    )
    moderators = Group.objects.get(name=roles.MODERATORS)
    editors = Group.objects.get(name=roles.EDITORS)
    assert published <= set(moderators.permissions.values_list("codename", flat=True))
    assert not published & set(editors.permissions.values_list("codename", flat=True))
    assert Group.objects.filter(name=roles.TRANSLATORS).count() == 1
    assert list(Workflow.objects.values_list("name", flat=True)) == [roles.WORKFLOW]


def plugin_modules() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.walk_packages(meetings.__path__, prefix="meetings.")
        if ".migrations." not in module.name
    )


def test_no_plugin_module_needs_the_example_host():
    """Every module imports in a site whose settings know nothing of cms or home."""
    script = (
        "import importlib, sys, django\n"
        "django.setup()\n"
        f"for name in {plugin_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "host = sorted(m for m in sys.modules if m.split('.')[0] in {'cms', 'home', 'bench'})\n"
        "print(host)\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin_settings"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def check_ids(**overrides) -> list[str]:
    from django.core import checks
    from django.test import override_settings

    with override_settings(**overrides):
        return sorted(message.id for message in checks.run_checks(include_deployment_checks=False))


def test_the_example_site_passes_every_check():
    assert check_ids() == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"WAGTAIL_I18N_ENABLED": False}, "meetings.E003"),
        ({"USE_TZ": False}, "meetings.E005"),
        ({"LANGUAGE_CODE": "de"}, "meetings.E006"),
        (
            {"WAGTAIL_CONTENT_LANGUAGES": [("pl", "Polski"), ("en", "English"), ("de", "Deutsch")]},
            "meetings.W001",
        ),
        ({"WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE": True}, "meetings.E001"),
    ],
)
def test_checks_say_what_an_integrator_got_wrong(overrides, expected):
    assert expected in check_ids(**overrides)


def test_a_check_refuses_a_sphere_path_segment_an_address_cannot_carry(tmp_path):
    """A host's catalogue translating the segment into another script."""
    import polib

    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(
        polib.POEntry(
            msgctxt="path segment of a sphere's page, lower-case ASCII",
            msgid="sphere",
            msgstr="сфера",
        )
    )
    messages = tmp_path / "uk" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalogue.save_as_mofile(str(messages / "django.mo"))
    languages = [("pl", "Polski"), ("en", "English"), ("uk", "Українська")]

    assert "meetings.E007" not in check_ids(WAGTAIL_CONTENT_LANGUAGES=languages)
    assert "meetings.E007" in check_ids(
        WAGTAIL_CONTENT_LANGUAGES=languages, LOCALE_PATHS=[str(tmp_path)]
    )


def test_checks_name_a_missing_app_and_a_missing_locale_middleware():
    from django.conf import settings

    from meetings.checks import missing_apps

    apps = [name for name in settings.INSTALLED_APPS if name != "wagtail_localize.locales"]
    middleware = [
        name for name in settings.MIDDLEWARE if name != "django.middleware.locale.LocaleMiddleware"
    ]

    assert [error.id for error in missing_apps(apps)] == ["meetings.E002"]
    assert "wagtail_localize.locales" in missing_apps(apps)[0].msg
    assert "meetings.E004" in check_ids(MIDDLEWARE=middleware)


def test_a_check_says_where_the_response_cache_middleware_belongs():
    from django.conf import settings

    middleware = [
        name for name in settings.MIDDLEWARE if name != "cms.http_cache.HttpCacheMiddleware"
    ]
    middleware.append("cms.http_cache.HttpCacheMiddleware")

    assert "cms.E001" in check_ids(MIDDLEWARE=middleware)


@pytest.mark.django_db
def test_a_host_without_a_response_cache_gets_the_apis_validators_from_the_plugin(
    settings, index, pinned_clock
):
    from django.test import Client

    from tests.factories import announcement

    settings.MIDDLEWARE = [
        "meetings.middleware.ApiValidatorsMiddleware"
        if name == "cms.http_cache.HttpCacheMiddleware"
        else name
        for name in settings.MIDDLEWARE
    ]
    announcement(index)
    client = Client()

    first = client.get("/api/v1/meetings/")
    again = client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Last-Modified"]
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_the_widget_code_to_paste_follows_the_api_prefix(settings, client, schedule):
    settings.MEETINGS_API_PREFIX = "/portal-api/v2/"

    page = client.get("/widget/").content.decode()

    assert 'data-api="http://localhost/portal-api/v2/"' in page
    assert 'data-api="/portal-api/v2/"' in page
