"""The example site's policy: its content languages (with the spheres in each), the editorial
groups and the moderation workflow, as the plugin describes them (``meetings.roles``)."""

from django.conf import settings
from django.db import migrations

from meetings.roles import set_up_roles
from meetings.spheres import load_spheres


def set_up(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    load_spheres(apps)
    set_up_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("meetings", "0009_published_snippet_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
