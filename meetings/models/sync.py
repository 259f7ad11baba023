"""What the public API showed at the last sync: the state behind the change feed.

Each item the API has ever shown (a meeting, announcement, sphere, venue or organiser, in one
language) has one row: its JSON as the API shows it, or none once it has left the public view,
and the sequence number of its last change. A client that has read up to a sequence number
asks for the rows after it; since a row keeps only its latest state, replaying the feed from
the start gives exactly what the lists show now (``meetings.api.changes``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    MEETING = "meeting", _("meeting")
    ANNOUNCEMENT = "announcement", _("announcement")
    SPHERE = "sphere", _("sphere of public benefit")
    VENUE = "venue", _("venue")
    ORGANIZER = "organizer", _("organiser")


class PublicItem(models.Model):
    type = models.CharField(max_length=16, choices=ItemType.choices)
    object_id = models.BigIntegerField()
    locale = models.CharField(max_length=16)
    translation_key = models.UUIDField()
    # The item's JSON as the API shows it; empty once it is not public (a tombstone).
    payload = models.TextField(blank=True)
    digest = models.CharField(max_length=64, blank=True)
    sequence = models.BigIntegerField(unique=True)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="unique_public_item")
        ]
        indexes = [models.Index(fields=["locale", "sequence"], name="public_item_locale_seq")]

    def __str__(self):
        return f"{self.type} {self.object_id} ({self.locale}) #{self.sequence}"

    @property
    def public(self) -> bool:
        return bool(self.payload)


class SyncState(models.Model):
    """One row: the last sequence number given out, locked while a sync writes, so that
    changes are numbered in the order they commit."""

    last_sequence = models.BigIntegerField(default=0)
    synced_at = models.DateTimeField(null=True)
    # When the next sync that passing time calls for is queued to run.
    next_run_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"#{self.last_sequence}"
