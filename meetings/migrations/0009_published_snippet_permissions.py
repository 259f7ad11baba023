"""Changing a venue, organiser or consultation that published announcements show changes the
public pages without moderation: that takes a permission of its own, which moderators get."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderatorzy"
CODENAMES = [
    "change_published_venue",
    "change_published_organizer",
    "change_published_consultation",
]


def grant_moderators(apps, schema_editor):
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    moderators = apps.get_model("auth", "Group").objects.filter(name=MODERATORS).first()
    if moderators is None:
        return
    Permission = apps.get_model("auth", "Permission")
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="meetings", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_translators_group")]

    operations = [
        migrations.AlterModelOptions(
            name="consultation",
            options={
                "ordering": ["title"],
                "permissions": [
                    (
                        "change_published_consultation",
                        "Can change a consultation that published announcements show",
                    )
                ],
                "verbose_name": "consultation",
                "verbose_name_plural": "consultations",
            },
        ),
        migrations.AlterModelOptions(
            name="organizer",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "change_published_organizer",
                        "Can change an organiser that published announcements show",
                    )
                ],
                "verbose_name": "organiser",
                "verbose_name_plural": "organisers",
            },
        ),
        migrations.AlterModelOptions(
            name="venue",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "change_published_venue",
                        "Can change a venue that published announcements show",
                    )
                ],
                "verbose_name": "venue",
                "verbose_name_plural": "venues",
            },
        ),
        migrations.RunPython(grant_moderators, migrations.RunPython.noop),
    ]
