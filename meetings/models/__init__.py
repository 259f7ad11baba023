from .pages import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    SchedulePage,
)
from .places import Organizer, Venue
from .taxonomy import Consultation, Sphere

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementOrganizer",
    "Consultation",
    "Meeting",
    "MeetingAnnouncementPage",
    "Organizer",
    "SchedulePage",
    "Sphere",
    "Venue",
]
