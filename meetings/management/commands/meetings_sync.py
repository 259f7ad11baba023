"""Bring the change feed up to date now, and queue the sync that passing time calls for next.

The task backend runs the same sync after every change; this command is for the first sync of
a site (its items enter the feed as upserts) and for a scheduler where no worker runs."""

from django.core.management.base import BaseCommand

from meetings.tasks import sync_now


class Command(BaseCommand):
    help = "Record what changed in the public API since the last sync (the change feed)."

    def handle(self, *args, **options):
        self.stdout.write(f"Changes recorded: {sync_now()}")
