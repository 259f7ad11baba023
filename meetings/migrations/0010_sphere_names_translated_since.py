"""Give the spheres of each language the names ``data/spheres.json`` has gained for it since
they were loaded (Ukrainian, for one). A sphere loaded before its language had names carries
the Polish ones; only those are renamed, so a name a moderator wrote stays as it is.
"""

from django.db import migrations

from meetings.spheres import entries, names_for


def rename(apps, schema_editor):
    Sphere = apps.get_model("meetings", "Sphere")
    by_number = {entry["number"]: entry for entry in entries()}
    for sphere in Sphere.objects.select_related("locale").iterator():
        entry = by_number.get(sphere.number)
        if entry is None:
            continue
        polish = names_for("pl", entry)
        translated = names_for(sphere.locale.language_code, entry)
        if translated != polish and (sphere.name, sphere.display_name) == polish:
            sphere.name, sphere.display_name = translated
            sphere.save(update_fields=["name", "display_name"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_published_snippet_permissions")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
