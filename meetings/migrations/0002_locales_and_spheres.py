"""Create the content locales and load all spheres of public benefit, Polish with English."""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import migrations

SPHERES_FILE = Path(__file__).resolve().parent.parent / "data" / "spheres.json"


def load_spheres(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Sphere = apps.get_model("meetings", "Sphere")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    polish = Locale.objects.get(language_code="pl")
    english = Locale.objects.get(language_code="en")

    entries = json.loads(SPHERES_FILE.read_text(encoding="utf-8"))
    for position, entry in enumerate(entries, start=1):
        key = uuid.uuid4()
        Sphere.objects.create(
            translation_key=key,
            locale=polish,
            number=entry["number"],
            slug=entry["slug"],
            name=entry["name_pl"],
            display_name=entry["name_pl_nominative"],
            sort_order=position,
        )
        Sphere.objects.create(
            translation_key=key,
            locale=english,
            number=entry["number"],
            slug=entry["slug"],
            name=entry["name_en"],
            display_name=entry["name_en"],
            sort_order=position,
        )


def unload_spheres(apps, schema_editor):
    apps.get_model("meetings", "Sphere").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(load_spheres, unload_spheres)]
