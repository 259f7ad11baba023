"""The group "Tłumacze": translators edit the pages of the target languages only.

They change pages below each target language's home page (a signal grants the same on
home pages created later) and submit them to the moderation workflow; they cannot create,
publish or delete pages, nor touch the Polish source.
"""

from django.db import migrations

TRANSLATORS = "Tłumacze"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("meetings", "view_sphere"),
    ("meetings", "view_venue"),
    ("meetings", "view_organizer"),
    ("meetings", "view_consultation"),
]


def set_up(apps, schema_editor):
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    for app_label, codename in PERMISSIONS:
        translators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    change_page = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    source = get_supported_language_variant(settings.LANGUAGE_CODE)
    for page in Page.objects.filter(depth=2).exclude(locale__language_code=source):
        GroupPagePermission.objects.get_or_create(
            group=translators, page=page, permission=change_page
        )


def tear_down(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_minutes_and_reports")]

    operations = [migrations.RunPython(set_up, tear_down)]
