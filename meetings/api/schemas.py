"""The JSON contract of /api/v1/: pydantic schemas, from which the OpenAPI document is generated.

The Magiczny Kraków portal relies on these shapes; change them only in a new API version.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from ninja import Schema
from pydantic import Field
from wagtail.coreutils import get_content_languages

from meetings.choices import AttendanceMode, MeetingStatus

# The content languages the site is configured with (WAGTAIL_CONTENT_LANGUAGES, else
# LANGUAGES, as Wagtail reads them), in their order.
Locale = StrEnum("Locale", [(code.replace("-", "_"), code) for code in get_content_languages()])
LOCALE_CODES = frozenset(locale.value for locale in Locale)
SOURCE_LOCALE = Locale(get_supported_language_variant(settings.LANGUAGE_CODE))


class Translation(Schema):
    locale: Locale = Field(description="Language code of the translation.")
    id: int = Field(description="The item's id in that language.")
    api_url: str


class SphereRef(Schema):
    slug: str
    number: str = Field(description='Point of art. 4 ust. 1 of the Act, e.g. "1a" or "32".')
    name: str = Field(description="Display name (nominative).")


class Sphere(SphereRef):
    id: int
    locale: Locale
    translation_key: UUID
    statutory_name: str = Field(description="The act's wording (genitive, as it follows the act).")
    order: int = Field(description="Position in the act's list; lists follow it.")
    upcoming_meetings: int = Field(description="Public meetings from today on, in this language.")
    html_url: str | None = Field(description="The sphere's page in the public schedule.")
    translations: list[Translation]


class Venue(Schema):
    id: int
    locale: Locale
    translation_key: UUID
    name: str
    street_address: str
    postal_code: str
    city: str
    room: str
    floor: str
    step_free_access: bool
    induction_loop: bool
    accessibility_notes: str
    latitude: float | None
    longitude: float | None
    map_url: str
    translations: list[Translation]


class Organizer(Schema):
    id: int
    locale: Locale
    translation_key: UUID
    name: str
    email: str
    phone: str
    website: str
    translations: list[Translation]


class Registration(Schema):
    required: bool
    url: str
    email: str
    deadline: datetime | None


class AnnouncementRef(Schema):
    id: int
    title: str
    html_url: str


class Report(Schema):
    """Minutes of a meeting or the report of a consultation: a file, a text, or both."""

    document_url: str = Field(description="Absolute address of the file, or empty.")
    document_title: str
    file_extension: str = Field(description='E.g. "pdf"; empty without a file.')
    file_size: int | None = Field(description="In bytes, when known.")
    text_html: str = Field(description="Rich text with absolute links, or empty.")


class Meeting(Schema):
    id: int
    locale: Locale
    translation_key: UUID = Field(description="The same for a meeting in every language.")
    topic: str
    start: datetime = Field(description="Start, in Warsaw time with its UTC offset.")
    end: datetime
    when: str = Field(
        description="Date, weekday and time as the city writes them, in the requested language, "
        'e.g. "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00".'
    )
    attendance_mode: AttendanceMode
    online_url: str
    status: MeetingStatus
    status_note: str
    registration: Registration
    venue: Venue | None
    spheres: list[SphereRef]
    announcement: AnnouncementRef
    html_url: str = Field(description="The meeting on its announcement's public page.")
    ics_url: str = Field(description="The meeting as an iCalendar file.")
    sequence: int = Field(
        description="The SEQUENCE of this language's calendar event (each language's event has "
        "a UID of its own): grows with every change that matters to a calendar."
    )
    outcome: str = Field(description="After the meeting: what it agreed or collected.")
    minutes: Report | None = Field(description="The minutes or meeting notes, once published.")
    translations: list[Translation]


class MeetingList(Schema):
    count: int
    limit: int
    offset: int
    items: list[Meeting]


class ScheduleDay(Schema):
    date: date
    label: str = Field(
        description='The day as the city writes it, e.g. "10 czerwca 2025 r. (wtorek)".'
    )
    meetings: list[Meeting]


class Schedule(Schema):
    locale: Locale
    days: list[ScheduleDay]


class Error(Schema):
    detail: str = Field(description="What went wrong, in English.")


class ParameterError(Schema):
    type: str = Field(description='E.g. "value_error", "missing", "enum".')
    loc: list[str | int] = Field(description='Where: e.g. ["query", "from"].')
    msg: str = Field(description="What is wrong with it, in English.")


class ValidationErrors(Schema):
    """A 422: the request's parameters, each problem naming the one it is about."""

    detail: list[ParameterError]


class Consultation(Schema):
    id: int
    title: str
    url: str
    report: Report | None = Field(description="The consultation's report, once it has one.")


class Announcement(Schema):
    id: int
    locale: Locale
    translation_key: UUID = Field(description="The same for an announcement in every language.")
    title: str
    slug: str
    lead: str
    publication_date: date | None = Field(description="The date the notice states.")
    first_published_at: datetime | None
    last_published_at: datetime | None
    html_url: str
    consultation: Consultation | None
    organizers: list[Organizer] = Field(description="In order; the first is the publishing unit.")
    meetings: list[Meeting]
    translations: list[Translation]


class AnnouncementList(Schema):
    count: int
    limit: int
    offset: int
    items: list[Announcement]


class Rendition(Schema):
    url: str
    width: int
    height: int


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(description="Rich text as HTML, links absolute and resolved.")


class HeadingBlock(Schema):
    type: Literal["heading"]
    id: str
    text: str
    level: Literal["h2", "h3"]


class CalloutBlock(Schema):
    type: Literal["callout"]
    id: str
    tone: Literal["info", "important"]
    title: str
    html: str


class ImageBlock(Schema):
    type: Literal["image"]
    id: str
    image: Rendition
    alt: str = Field(description='Alternative text; "" for a decorative image.')
    decorative: bool
    caption: str


HTTP_URL = "An absolute http(s) address, or empty when there is none to follow."


class Link(Schema):
    title: str
    url: str = Field(description=HTTP_URL)
    kind: Literal["page", "document", "external"]


class LinksBlock(Schema):
    type: Literal["links"]
    id: str
    heading: str
    links: list[Link]


class CallToActionBlock(Schema):
    type: Literal["call_to_action"]
    id: str
    text: str
    url: str = Field(description=HTTP_URL)


class EmbedBlock(Schema):
    type: Literal["embed"]
    id: str
    url: str = Field(
        description="An absolute http(s) address of the media; an embed without one is left "
        "out of the body."
    )


Block = Annotated[
    ParagraphBlock
    | HeadingBlock
    | CalloutBlock
    | ImageBlock
    | LinksBlock
    | CallToActionBlock
    | EmbedBlock,
    Field(discriminator="type"),
]


class AnnouncementDetail(Announcement):
    body: list[Block] = Field(description="The StreamField body as typed blocks.")


# The headless preview shows a draft, whose page and meetings may not be saved yet: the same
# shapes as the published ones, with ids that may be null.
class PreviewAnnouncementRef(AnnouncementRef):
    id: int | None = Field(description="Null for a page not yet saved.")


class PreviewMeeting(Meeting):
    id: int | None = Field(description="Null for a meeting not yet saved.")
    announcement: PreviewAnnouncementRef


class PreviewAnnouncement(AnnouncementDetail):
    id: int | None = Field(description="Null for a page not yet saved.")
    meetings: list[PreviewMeeting]


class ChangeOperation(StrEnum):
    upsert = "upsert"
    delete = "delete"


class ItemType(StrEnum):
    meeting = "meeting"
    announcement = "announcement"
    sphere = "sphere"
    venue = "venue"
    organizer = "organizer"


class Change(Schema):
    operation: ChangeOperation = Field(
        description="upsert: the item entered or changed in the public view; delete: it left "
        "it (unpublished, deleted, made private, expired, its translation removed)."
    )
    type: ItemType
    id: int = Field(description="The item's id in its language, as its detail endpoint has it.")
    locale: Locale
    translation_key: UUID = Field(description="The same for the item in every language.")
    item: Meeting | AnnouncementDetail | Sphere | Venue | Organizer | None = Field(
        description="The item as its detail endpoint shows it; null for a delete."
    )


class ChangeList(Schema):
    changes: list[Change] = Field(description="In the order they happened; each item's latest.")
    next: str = Field(description="The cursor to send as `since` for the changes after these.")
    has_more: bool = Field(description="True while more changes wait: ask again at once.")
