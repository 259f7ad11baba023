"""What the parser is given and what it returns: plain values, so no caller needs a database."""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class KnownSphere:
    number: str
    name: str
    display_name: str


@dataclass(frozen=True)
class KnownVenue:
    id: int
    name: str
    street_address: str
    room: str
    floor: str


@dataclass(frozen=True)
class KnownOrganizer:
    id: int
    name: str


@dataclass(frozen=True)
class KnownConsultation:
    id: int
    title: str


@dataclass
class Problem:
    code: str
    message: str
    meeting: int | None = None
    severity: str = "error"


@dataclass
class SphereMatch:
    number: str | None
    text: str  # the words it was found by
    score: float  # how close they are to the sphere, 0 to 1
    # How it was found: "list" (a list or a label's items), "points" (the act's point
    # numbers), "words" (after words that introduce spheres), "table" (a cell of a row) or
    # "line" (what a meeting's line says after its time or its last dash).
    source: str = "list"

    @property
    def needs_check(self) -> bool:
        """Whether an editor should look at it before it is saved ("sprawdź")."""
        if self.source == "points":
            return False
        return self.score < (0.7 if self.source == "list" else 0.8)


@dataclass
class VenueMatch:
    text: str
    venue_id: int | None
    name: str
    street_address: str
    room: str
    floor: str


@dataclass
class ParsedMeeting:
    start: datetime | None
    end: datetime | None
    date_text: str
    weekday: str | None
    spheres: list[SphereMatch]
    venue: VenueMatch | None
    topic: str
    online: bool
    online_url: str


@dataclass
class ParsedAnnouncement:
    title: str
    publication_date: date | None
    lead: str
    body_html: str
    meetings: list[ParsedMeeting]
    organizers: list[int]
    problems: list[Problem] = field(default_factory=list)
    consultation: int | None = None

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


class ImportTextError(ValueError):
    """Input that cannot be read as an announcement at all.

    ``str(error)`` is the message for the editor, in the active language.
    """
