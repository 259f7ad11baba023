"""System checks: what an integrator must set for the plugin to work and its rules to hold,
said in words at startup rather than as a traceback later (docs/plugin.md)."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.translation import get_supported_language_variant

from meetings.spheres import entries

REQUIRED_APPS = (
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
)
LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


@register()
def required_apps(app_configs, **kwargs):
    return missing_apps(settings.INSTALLED_APPS)


def missing_apps(installed) -> list[Error]:
    return [
        Error(
            f"The meetings plugin needs {name!r} in INSTALLED_APPS.",
            hint="See the INSTALLED_APPS step of docs/plugin.md.",
            id="meetings.E002",
        )
        for name in REQUIRED_APPS
        if name not in installed
    ]


@register()
def languages(app_configs, **kwargs):
    errors = []
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        errors.append(
            Error(
                "WAGTAIL_I18N_ENABLED is off: announcements cannot be translated.",
                hint="Set WAGTAIL_I18N_ENABLED = True.",
                id="meetings.E003",
            )
        )
    if not settings.USE_I18N or LOCALE_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                "The plugin serves every content language under its own URL prefix: it needs "
                "USE_I18N = True and LocaleMiddleware in MIDDLEWARE.",
                hint=f"Add {LOCALE_MIDDLEWARE!r} after SessionMiddleware.",
                id="meetings.E004",
            )
        )
    if not settings.USE_TZ:
        errors.append(
            Error(
                "USE_TZ is off: meeting times must be stored as aware datetimes.",
                hint="Set USE_TZ = True.",
                id="meetings.E005",
            )
        )
    content = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]
    try:
        source = get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        source = settings.LANGUAGE_CODE
    if content and source not in content:
        errors.append(
            Error(
                f"LANGUAGE_CODE {settings.LANGUAGE_CODE!r} is not one of "
                f"WAGTAIL_CONTENT_LANGUAGES ({', '.join(content)}).",
                hint="The source language of announcements must be a content language.",
                id="meetings.E006",
            )
        )
    named = {key.removeprefix("name_").split("_")[0] for key in entries()[0] if key != "name"}
    without_spheres = [code for code in content if code.split("-")[0] not in named]
    if without_spheres:
        errors.append(
            Warning(
                "The spheres of public benefit have no names in "
                f"{', '.join(without_spheres)}: they show the Polish names there until "
                "translated.",
                hint="Translate the spheres in the admin (Dane spotkań → Sfery).",
                id="meetings.W001",
            )
        )
    return errors


@register()
def sphere_paths(app_configs, **kwargs):
    """The path segment of a sphere's page comes from the catalogues: one that is not
    lower-case ASCII would leave that language's sphere pages without an address."""
    import re

    from meetings.models import SchedulePage

    return [
        Error(
            f"Sphere pages in {code!r} would have the path segment {segment!r}, which their "
            "address cannot carry: only small letters a-z and hyphens, up to 40.",
            hint='Translate "sphere" (context "path segment of a sphere\'s page, lower-case '
            'ASCII") in that language\'s catalogue as lower-case ASCII, e.g. "sfera".',
            id="meetings.E007",
        )
        for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])
        if not re.fullmatch(SchedulePage.SPHERE_SEGMENT, segment := SchedulePage.segment_for(code))
    ]


@register("security")
def translations_go_through_moderation(app_configs, **kwargs):
    if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True):
        return [
            Error(
                "wagtail-localize publishes the translation of a live page at once, without "
                "moderation.",
                hint="Set WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False.",
                id="meetings.E001",
            )
        ]
    return []
