# The same columns: only the form field changes, so no database is touched (SQLite would
# otherwise copy the table to alter it).

from django.db import migrations

import meetings.models.fields


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_sphere_slug_as_routed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="meeting",
                    name="end",
                    field=meetings.models.fields.LocalDateTimeField(verbose_name="end"),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="registration_deadline",
                    field=meetings.models.fields.LocalDateTimeField(
                        blank=True, null=True, verbose_name="registration deadline"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="start",
                    field=meetings.models.fields.LocalDateTimeField(verbose_name="start"),
                ),
            ],
            database_operations=[],
        ),
    ]
