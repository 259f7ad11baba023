"""The spheres of public benefit (art. 4 ust. 1 of the Act on public benefit activity and
volunteering), loaded from ``data/spheres.json`` into every content language it has names for.

``load_spheres`` takes the app registry, so that data migrations pass their historical models
and commands the current ones. It is idempotent: what exists is left as it is (moderators may
have corrected a wording), what is missing is added, paired by legal number across languages.
"""

import json
import uuid
from functools import cache
from pathlib import Path

from django.apps import apps as global_apps
from django.utils.html import conditional_escape, format_html

SPHERES_FILE = Path(__file__).resolve().parent / "data" / "spheres.json"
# The language of the act, whose names every other language falls back to.
ACT_LANGUAGE = "pl"


def names_for(code: str, entry: dict) -> tuple[str, str]:
    """A sphere's (legal-text name, name to display) in a language: its ``name_<code>`` (and
    ``name_<code>_nominative``) in the file, else the Polish ones, so that no language has an
    empty list of spheres before they are translated."""
    for language in (code, code.split("-")[0], ACT_LANGUAGE):
        name = entry.get(f"name_{language}")
        if name:
            return name, entry.get(f"name_{language}_nominative", name)
    raise KeyError(f"The sphere {entry['number']} has no Polish name.")


def entries() -> list[dict]:
    return json.loads(SPHERES_FILE.read_text(encoding="utf-8"))


@cache
def _act_names() -> dict[str, set[str]]:
    return {entry["number"]: set(names_for(ACT_LANGUAGE, entry)) for entry in entries()}


def name_language(number: str, display_name: str) -> str | None:
    """``ACT_LANGUAGE`` when a sphere's name is still the act's own wording (a language whose
    names are not translated yet shows them), else ``None``: the name is in its locale's
    language."""
    return ACT_LANGUAGE if display_name in _act_names().get(number, ()) else None


def load_spheres(apps=global_apps) -> int:
    """Add the spheres missing in the locales that exist; return how many were added."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Sphere = apps.get_model("meetings", "Sphere")
    keys = dict(Sphere.objects.values_list("number", "translation_key"))
    added = 0
    for locale in Locale.objects.all():
        present = set(Sphere.objects.filter(locale=locale).values_list("number", flat=True))
        for position, entry in enumerate(entries(), start=1):
            if entry["number"] in present:
                continue
            key = keys.setdefault(entry["number"], uuid.uuid4())
            name, display_name = names_for(locale.language_code, entry)
            Sphere.objects.create(
                translation_key=key,
                locale=locale,
                number=entry["number"],
                slug=entry["slug"],
                name=name,
                display_name=display_name,
                sort_order=position,
            )
            added += 1
    return added


def name_html(sphere, language: str) -> str:
    """The sphere's display name for a page in ``language``, in a ``<span lang>`` when it is
    in another language (not translated yet)."""
    other = sphere.name_language
    if other is None or other == language:
        return conditional_escape(sphere.display_name)
    return format_html('<span lang="{}">{}</span>', other, sphere.display_name)
