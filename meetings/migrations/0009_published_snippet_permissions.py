"""Changing a venue, organiser or consultation that published announcements show changes the
public pages without moderation: that takes a permission of its own (``meetings.roles`` gives it
to moderators)."""

from django.db import migrations


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
    ]
