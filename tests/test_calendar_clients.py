"""The calendar feeds as calendar apps read them: every event's start and end, in UTC, as
icalendar (which writes the feed), vobject and ical.js (through Node) parse them, equal the
database's, on feeds that span two changes to and from summer time in each direction."""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from meetings.ical import vtimezone
from tests.factories import announcement, meeting, warsaw

JS = Path(__file__).parent / "js"
NODE = shutil.which("node")

# Days on both sides of each change of the clock, two years running, at hours that differ
# between summer and winter time in UTC; and one meeting across midnight in each season.
DAYS = [
    (2057, 3, 24),
    (2057, 3, 26),
    (2057, 10, 27),
    (2057, 10, 29),
    (2058, 3, 29),
    (2058, 4, 1),
    (2058, 10, 26),
    (2058, 10, 28),
]


@pytest.fixture
def meetings_around_the_changes(index, schedule):
    made = [meeting(start=warsaw(y, m, d, 17), hours=2, topic=f"{y}-{m}-{d}") for y, m, d in DAYS]
    made.append(meeting(start=warsaw(2058, 1, 15, 23), hours=2, topic="zimą przez północ"))
    made.append(meeting(start=warsaw(2058, 7, 15, 23), hours=2, topic="latem przez północ"))
    page = announcement(index, meetings=made)
    return {
        f"{m.translation_key}@spotkania.krakow.pl": (m.start, m.end) for m in page.meetings.all()
    }


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(meetings: dict) -> dict:
    return {uid: (utc(start), utc(end)) for uid, (start, end) in meetings.items()}


def feed_text(client, schedule) -> str:
    response = client.get(f"{schedule.url}feed.ics")
    assert response.status_code == 200
    return b"".join(response).decode()


def read_with_icalendar(text: str) -> dict:
    return {
        str(event["uid"]): (utc(event.decoded("dtstart")), utc(event.decoded("dtend")))
        for event in Calendar.from_ical(text).walk("VEVENT")
    }


def read_with_vobject(text: str) -> dict:
    calendar = vobject.readOne(text)
    return {
        event.uid.value: (utc(event.dtstart.value), utc(event.dtend.value))
        for event in calendar.contents.get("vevent", [])
    }


def read_with_ical_js(text: str, tmp_path) -> dict:
    if not NODE or not (JS / "node_modules" / "ical.js").exists():
        pytest.skip("ical.js is not installed: make install-dev (needs Node.js and npm)")
    path = tmp_path / "feed.ics"
    path.write_text(text)
    out = subprocess.run(  # noqa: S603
        [NODE, str(JS / "ical_events.mjs"), str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {
        event["uid"]: (
            event["start"].replace(".000Z", "Z"),
            event["end"].replace(".000Z", "Z"),
        )
        for event in json.loads(out)
    }


@pytest.mark.django_db
def test_icalendar_reads_every_start_as_the_database_has_it(
    client, schedule, meetings_around_the_changes
):
    text = feed_text(client, schedule)

    assert read_with_icalendar(text) == expected(meetings_around_the_changes)


@pytest.mark.django_db
def test_vobject_reads_every_start_as_the_database_has_it(
    client, schedule, meetings_around_the_changes
):
    text = feed_text(client, schedule)

    assert read_with_vobject(text) == expected(meetings_around_the_changes)


@pytest.mark.django_db
def test_ical_js_reads_every_start_as_the_database_has_it(
    client, schedule, meetings_around_the_changes, tmp_path
):
    text = feed_text(client, schedule)

    assert read_with_ical_js(text, tmp_path) == expected(meetings_around_the_changes)


@pytest.mark.django_db
def test_one_meetings_calendar_file_reads_the_same_in_every_parser(
    client, index, schedule, tmp_path
):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 10, 28, 17))])
    (item,) = page.meetings.all()
    response = client.get(page.specific.meeting_ics_url(item))
    text = response.content.decode()
    want = {f"{item.translation_key}@spotkania.krakow.pl": (utc(item.start), utc(item.end))}

    assert read_with_icalendar(text) == want
    assert read_with_vobject(text) == want
    assert read_with_ical_js(text, tmp_path) == want


def test_summer_time_starts_at_two_in_the_offset_before_it():
    """RFC 5545 §3.8.3.3: a VTIMEZONE's onsets are local times in the offset they leave."""
    zone = vtimezone("Europe/Warsaw", first_date=date(2057, 1, 1), last_date=date(2058, 12, 31))
    summer = next(c for c in zone.subcomponents if c.name == "DAYLIGHT")
    winter = next(c for c in zone.subcomponents if c.name == "STANDARD")

    assert summer.decoded("dtstart") == datetime(2057, 3, 25, 2)
    assert winter.decoded("dtstart") == datetime(2057, 10, 28, 3)
    text = zone.to_ical().decode()
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20570325T020000\r\n" in text
    assert "TZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n" in text
    assert "TZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" in text
    assert "RDATE:20570325T020000\r\n" in text
    assert "RDATE:20580331T020000\r\n" in text
    assert "," not in "".join(line for line in text.splitlines() if line.startswith("RDATE"))


@pytest.mark.django_db
def test_each_language_has_its_own_events(client, index, schedule, tmp_path):
    """A calendar that holds the Polish and the English feed keeps both events: their UIDs
    differ, so neither is taken for an update of the other."""
    from meetings.translation import translate
    from tests.test_translation import english_for_everything, translate_tree

    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10, 17))])
    english_page = translate_tree(page)
    english_schedule = translate(
        schedule, locale=english_page.locale, strings=english_for_everything(schedule)
    )
    (item,) = page.meetings.all()

    polish_uids = set(read_with_ical_js(feed_text(client, schedule), tmp_path))
    english_uids = set(read_with_vobject(feed_text(client, english_schedule)))

    assert polish_uids == {f"{item.translation_key}@spotkania.krakow.pl"}
    assert english_uids == {f"{item.translation_key}-en@spotkania.krakow.pl"}


@pytest.mark.django_db
def test_a_feed_without_meetings_is_a_calendar_every_parser_reads(client, schedule, tmp_path):
    text = feed_text(client, schedule)

    assert "BEGIN:VTIMEZONE" in text
    assert "METHOD:" not in text
    assert read_with_icalendar(text) == {}
    assert read_with_vobject(text) == {}
    assert read_with_ical_js(text, tmp_path) == {}
