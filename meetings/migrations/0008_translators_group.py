"""Formerly the translators' group: site policy, which a host now sets up with
``meetings.roles``. Kept, empty, so that databases that applied it keep a consistent history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_minutes_and_reports")]

    operations = []
