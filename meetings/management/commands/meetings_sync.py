"""Bring the change feed up to date now, and queue the sync that passing time calls for next.

The task backend runs the same sync after every change; this command is for the first sync of
a site (its items enter the feed as upserts) and for a scheduler where no worker runs."""

from django.core.management.base import BaseCommand

from meetings.api import changes
from meetings.tasks import schedule_time_driven_sync


class Command(BaseCommand):
    help = "Record what changed in the public API since the last sync (the change feed)."

    def handle(self, *args, **options):
        recorded = changes.sync()
        schedule_time_driven_sync()
        self.stdout.write(f"Changes recorded: {recorded}")
