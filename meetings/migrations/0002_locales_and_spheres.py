"""Load the spheres of public benefit into the content languages that exist.

Which languages a site has is the site's choice: a locale added later gets its spheres from
``meetings.spheres.load_spheres`` (run by ``manage.py meetings_setup`` and when a locale is
created in the admin).
"""

from django.db import migrations

from meetings.spheres import load_spheres


def load(apps, schema_editor):
    load_spheres(apps)


def unload(apps, schema_editor):
    apps.get_model("meetings", "Sphere").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(load, unload)]
