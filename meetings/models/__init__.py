from .pages import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    SchedulePage,
)
from .places import Organizer, Venue
from .preview import HeadlessPreview
from .publication import PublicationState
from .sync import ItemType, PublicItem, SyncState
from .taxonomy import Consultation, Sphere
from .webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementOrganizer",
    "Consultation",
    "HeadlessPreview",
    "ItemType",
    "Meeting",
    "MeetingAnnouncementPage",
    "Organizer",
    "PublicItem",
    "PublicationState",
    "SchedulePage",
    "Sphere",
    "SyncState",
    "Venue",
    "WebhookDelivery",
    "WebhookSubscription",
]
