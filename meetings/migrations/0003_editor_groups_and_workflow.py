"""Formerly the editorial groups and the moderation workflow: site policy, which a host now
sets up with ``meetings.roles`` (``manage.py meetings_setup --roles``). Kept, empty, so that
databases that applied it keep a consistent history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_locales_and_spheres"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = []
