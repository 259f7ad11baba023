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
from .taxonomy import Consultation, Sphere

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementOrganizer",
    "Consultation",
    "HeadlessPreview",
    "Meeting",
    "MeetingAnnouncementPage",
    "Organizer",
    "PublicationState",
    "SchedulePage",
    "Sphere",
    "Venue",
]
