"""The spheres of public benefit (art. 4 ust. 1 of the Act on public benefit activity and
volunteering), loaded from ``data/spheres.json`` into every content language it has names for.

``load_spheres`` takes the app registry, so that data migrations pass their historical models
and commands the current ones. It is idempotent: what exists is left as it is (moderators may
have corrected a wording), what is missing is added, paired by legal number across languages.
"""

import json
import uuid
from pathlib import Path

from django.apps import apps as global_apps

SPHERES_FILE = Path(__file__).resolve().parent / "data" / "spheres.json"

# The names each language takes from the file: (legal-text name, name to display).
NAMES = {"pl": ("name_pl", "name_pl_nominative"), "en": ("name_en", "name_en")}


def entries() -> list[dict]:
    return json.loads(SPHERES_FILE.read_text(encoding="utf-8"))


def load_spheres(apps=global_apps) -> int:
    """Add the spheres missing in the locales that exist; return how many were added."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Sphere = apps.get_model("meetings", "Sphere")
    keys = dict(Sphere.objects.values_list("number", "translation_key"))
    added = 0
    for locale in Locale.objects.filter(language_code__in=NAMES):
        name_field, display_field = NAMES[locale.language_code]
        present = set(Sphere.objects.filter(locale=locale).values_list("number", flat=True))
        for position, entry in enumerate(entries(), start=1):
            if entry["number"] in present:
                continue
            key = keys.setdefault(entry["number"], uuid.uuid4())
            Sphere.objects.create(
                translation_key=key,
                locale=locale,
                number=entry["number"],
                slug=entry["slug"],
                name=entry[name_field],
                display_name=entry[display_field],
                sort_order=position,
            )
            added += 1
    return added
