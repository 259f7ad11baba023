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
]
