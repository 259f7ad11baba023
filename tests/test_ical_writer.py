"""The feed's events are written directly, not through icalendar: icalendar reads each back
and writes it again byte for byte, whatever the texts hold (escapes, commas, semicolons, line
breaks, characters of several bytes at a fold), and reads the values that went in."""

import uuid
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from meetings.choices import AttendanceMode, MeetingStatus, Registration
from meetings.ical import calendar_file, event_title, meeting_event
from meetings.models import Meeting, MeetingAnnouncementPage, Sphere, Venue

# Texts that exercise the escaping and the folding: the characters RFC 5545 escapes, a
# backslash before N (icalendar reads "\N" as a line break), multi-byte letters and emoji.
TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list('\\;,:^"\n\r\tNn aą€𝄞—')),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
    ),
    max_size=300,
)
# A page instance looks up its content type.
pytestmark = pytest.mark.django_db
URL = "https://spotkania.example.org/ogloszenia/a/#meeting-1"


def meeting(topic, note, outcome, venue_name, room, spheres, status, sequence) -> Meeting:
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks go forward
    polish = Locale(language_code="pl")
    page = MeetingAnnouncementPage(
        title=f"Ogłoszenie: {topic[:40]}",
        last_published_at=start - timedelta(days=3),
        locale=polish,
    )
    item = Meeting(
        translation_key=uuid.UUID(int=7),
        locale=polish,
        topic=topic,
        start=start,
        end=start + timedelta(hours=2, minutes=15),
        attendance_mode=AttendanceMode.HYBRID,
        online_url="https://meet.example.org/a,b;c",
        venue=Venue(name=venue_name, street_address="ul. Długa 1", city="Kraków", room=room),
        registration=Registration.REQUIRED,
        registration_email="ngo@example.org",
        registration_deadline=start - timedelta(days=1),
        status=status,
        status_note=note,
        outcome=outcome,
        sequence=sequence,
    )
    item.page = page
    item.localized_spheres = [Sphere(display_name=name) for name in spheres]
    item.position = (2, 3)
    return item


@settings(max_examples=150, deadline=None)
@given(
    topic=TRICKY,
    note=TRICKY,
    outcome=TRICKY,
    venue_name=TRICKY,
    room=TRICKY,
    spheres=st.lists(TRICKY.filter(bool), max_size=4),
    status=st.sampled_from(list(MeetingStatus)),
    sequence=st.integers(min_value=0, max_value=10_000),
)
def test_icalendar_reads_each_event_and_writes_it_back_byte_for_byte(
    topic, note, outcome, venue_name, room, spheres, status, sequence
):
    item = meeting(topic, note, outcome, venue_name, room, spheres, status, sequence)
    written = meeting_event(item, url=URL)

    event = icalendar.Event.from_ical(written)
    assert event.to_ical() == written
    assert all(len(line) <= 75 for line in written.split(b"\r\n"))
    assert str(event["summary"]) == normalised(event_title(item))
    assert event["uid"] == f"{item.translation_key}@spotkania.krakow.pl"
    assert event["sequence"] == sequence
    assert event.decoded("dtstart") == item.start
    assert event.decoded("dtend") == item.end
    assert event["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert [str(name) for name in event.categories] == [normalised(s) for s in spheres]
    description = str(event["description"])
    assert description.startswith(normalised(item.page.title))
    assert description.endswith(URL)
    if outcome:
        assert normalised(outcome) in description
    assert str(event["url"]) == URL


def normalised(text: str) -> str:
    """What a calendar reads of a text: icalendar writes every line break as \\n."""
    return text.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")


@given(text=st.text(alphabet=st.sampled_from(list("a\\ą𝄞,")), min_size=60, max_size=400))
@settings(max_examples=200, deadline=None)
def test_folds_fall_where_icalendar_puts_them_never_inside_a_character(text):
    item = meeting(text, "", "", "Sala", "", [], MeetingStatus.PLANNED, 0)
    written = meeting_event(item, url=URL)
    for line in written.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # each line is whole UTF-8 on its own
    assert icalendar.Event.from_ical(written).to_ical() == written


@override_settings(TIME_ZONE="UTC")
def test_a_site_in_utc_writes_its_times_in_utc():
    item = meeting("Temat", "", "", "Sala", "", [], MeetingStatus.PLANNED, 0)
    written = meeting_event(item, url=URL)
    assert b"DTSTART:20260329T003000Z\r\n" in written
    assert icalendar.Event.from_ical(written).to_ical() == written


def test_a_calendar_file_is_what_icalendar_writes_of_it():
    items = [
        meeting("Pierwsze; a, b", "", "", "Sala", "", ["kultura"], MeetingStatus.PLANNED, 0),
        meeting("Drugie", "Nowy termin", "", "Sala", "", [], MeetingStatus.POSTPONED, 2),
    ]
    items[1].start += timedelta(days=400)
    items[1].end += timedelta(days=400)
    written = calendar_file(items, name="Harmonogram — Kraków", url_for=lambda m: URL)

    calendar = icalendar.Calendar.from_ical(written)
    assert calendar.to_ical() == written
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [event_title(i) for i in items]
    assert [c.name for c in calendar.subcomponents][0] == "VTIMEZONE"
