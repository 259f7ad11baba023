"""iCalendar (RFC 5545) output for meetings.

The calendar's head and its VTIMEZONE are built with the icalendar library. The events, of
which a feed holds hundreds, are written directly: the same bytes as icalendar writes them
(its order of properties, escaping and folding; ``tests/test_ical_writer.py`` compares the
two), at a fraction of the cost.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText

from meetings.choices import AttendanceMode, MeetingStatus, Registration
from meetings.formatting import format_date, format_time

PRODID = "-//Urząd Miasta Krakowa//Spotkania//PL"
UID_DOMAIN = "spotkania.krakow.pl"

STATUS = {
    MeetingStatus.PLANNED: "CONFIRMED",
    MeetingStatus.MOVED: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting) -> str:
    """Stable across edits, one per meeting and language: the meeting's translation key, with
    the language's code after it outside the source language. Each language's event has its
    own SEQUENCE and text, so a calendar that holds the Polish and the English feed keeps two
    events rather than taking one for an update of the other."""
    language = meeting.locale.language_code
    suffix = "" if language == settings.LANGUAGE_CODE else f"-{language}"
    return f"{meeting.translation_key}{suffix}@{UID_DOMAIN}"


def location_text(meeting) -> str:
    venue = getattr(meeting, "localized_venue", None) or meeting.venue
    parts = []
    if venue:
        parts = [
            venue.name,
            venue.street_address,
            " ".join(filter(None, [venue.postal_code, venue.city])),
            ", ".join(filter(None, [venue.room, venue.floor])),
        ]
    if meeting.attendance_mode != AttendanceMode.IN_PERSON and meeting.online_url:
        parts.append(meeting.online_url)
    return ", ".join(part for part in parts if part)


def minutes_url(meeting, *, page_url: str) -> str:
    """The minutes' file beside the absolute ``page_url``, or the meeting on its page."""
    if meeting.minutes_document_id:
        return urljoin(page_url, meeting.minutes_document.url)
    return page_url


def event_title(meeting) -> str:
    """What a calendar lists: the kind of meeting, its number when its announcement has
    several (two meetings of one announcement often share a topic), the topic, and the status
    when the meeting is not going ahead as planned."""
    position = getattr(meeting, "position", None)
    if position and position[1] > 1:
        kind = _("Consultation meeting %(number)d of %(count)d") % {
            "number": position[0],
            "count": position[1],
        }
    else:
        kind = _("Consultation meeting")
    title = f"{kind}: {meeting.topic}"
    if meeting.status != MeetingStatus.PLANNED:
        title = f"{meeting.get_status_display().upper()}: {title}"
    return title


def registration_text(meeting) -> str:
    if meeting.registration != Registration.REQUIRED:
        return _("Registration: not required.")
    ways = [w for w in (meeting.registration_url, meeting.registration_email) if w]
    text = _("Registration: required")
    if ways:
        text += " — " + ", ".join(ways)
    if meeting.registration_deadline:
        deadline = meeting.registration_deadline
        text += " " + _("(until %(date)s, %(time)s)") % {
            "date": format_date(deadline, weekday=False),
            "time": format_time(deadline),
        }
    return text + "."


def meeting_event(meeting, *, url: str) -> bytes:
    """One VEVENT, serialised. ``meeting`` carries ``localized_spheres`` (see selectors)."""
    description = [meeting.page.title]
    if meeting.status != MeetingStatus.PLANNED:
        description.append(f"{meeting.get_status_display().capitalize()}: {meeting.status_note}")
    spheres = [sphere.display_name for sphere in getattr(meeting, "localized_spheres", [])]
    if spheres:
        description.append(_("Spheres: %(spheres)s") % {"spheres": "; ".join(spheres)})
    description.append(registration_text(meeting))
    if meeting.outcome:
        description.append(meeting.outcome)
    if meeting.has_minutes:
        description.append(_("Minutes: %(url)s") % {"url": minutes_url(meeting, page_url=url)})
    description.append(url)
    location = location_text(meeting)
    # icalendar's order: Event.canonical_order, then the other properties by name.
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(event_title(meeting))}",
        f"DTSTART{_local_time(meeting.start)}",
        f"DTEND{_local_time(meeting.end)}",
        f"DTSTAMP:{_utc_time(timezone.now())}",
        f"UID:{_text(meeting_uid(meeting))}",
        f"SEQUENCE:{int(meeting.sequence)}",
    ]
    if spheres:
        lines.append("CATEGORIES:" + ",".join(_text(sphere) for sphere in spheres))
    lines.append("DESCRIPTION:" + _text("\n\n".join(description)))
    if meeting.page.last_published_at:
        lines.append(f"LAST-MODIFIED:{_utc_time(meeting.page.last_published_at)}")
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    lines += [f"STATUS:{STATUS[meeting.status]}", f"URL:{url}", "END:VEVENT"]
    return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 §3.3.11) as icalendar escapes it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _utc_time(value: datetime) -> str:
    value = value.astimezone(UTC)
    return (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}Z"
    )


def _local_time(value: datetime) -> str:
    """``;TZID=<zone>:<local time>``, or ``:<UTC time>`` where the site's zone is UTC."""
    if settings.TIME_ZONE == "UTC":
        return f":{_utc_time(value)}"
    local = timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))
    return (
        f";TZID={settings.TIME_ZONE}:{local.year:04}{local.month:02}{local.day:02}"
        f"T{local.hour:02}{local.minute:02}{local.second:02}"
    )


FOLD_OCTETS = 74  # the longest a line's part may be, as icalendar folds


def _fold(line: str) -> bytes:
    """A content line as UTF-8, folded (RFC 5545 §3.1) as icalendar folds it: parts of at most
    74 octets, never inside a character, and a backslash or caret that would end a part (and is
    not the whole part) moved to the start of the next, for clients that misread an escape
    broken by a fold."""
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return data
    parts, start = [], 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # inside a character's UTF-8 bytes
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _calendar(name: str) -> Calendar:
    """The calendar's head. No METHOD: a feed is not an iTIP message (RFC 5546 would then
    require an ORGANIZER on every event), and calendar apps subscribe to it or import it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _years_around(first: datetime, last: datetime) -> dict:
    """Whole years around the meetings, so the VTIMEZONE has its summer and winter rules."""
    return {"first_date": date(first.year - 1, 1, 1), "last_date": date(last.year + 1, 12, 31)}


def _transitions(zone: ZoneInfo, first_date: date, last_date: date):
    """Each change of the zone's UTC offset between the two dates, as (the UTC instant,
    the offset before, the offset after, the new abbreviation, whether it is summer time)."""

    def offset(instant: datetime) -> timedelta:
        return instant.astimezone(zone).utcoffset()

    step = timedelta(hours=6)
    moment = datetime.combine(first_date, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(last_date, datetime.max.time(), tzinfo=UTC)
    before = offset(moment)
    while moment < end:
        later = moment + step
        if offset(later) != before:
            low, high = 0, int(step / timedelta(minutes=1))  # the change, in whole minutes
            while high - low > 1:
                middle = (low + high) // 2
                if offset(moment + timedelta(minutes=middle)) == before:
                    low = middle
                else:
                    high = middle
            high = moment + timedelta(minutes=high)
            local = high.astimezone(zone)
            yield high, before, local.utcoffset(), local.tzname(), bool(local.dst())
            before = local.utcoffset()
        moment = later


def vtimezone(tzid: str, *, first_date: date, last_date: date) -> Timezone:
    """The VTIMEZONE of ``tzid`` between two dates, written so that every client reads it.

    Each kind of change (to summer time, to standard time) is one component: its DTSTART is
    the first change, and every change, the first included, is an RDATE line of its own;
    both are local times in the offset before the change (RFC 5545 §3.8.3.3: summer time in
    Warsaw starts at 02:00 +01:00). Comma-separated RDATE lists, as icalendar's
    ``Timezone.from_tzid`` writes them, are read by ical.js and vobject as their first value
    only, which put events an hour off in every other summer. A zone without changes in the
    period is one STANDARD component.
    """
    zone = ZoneInfo(tzid)
    timezone_ = Timezone()
    timezone_.add("tzid", tzid)
    kinds: dict[tuple, list[datetime]] = {}
    for instant, before, after, name, summer in _transitions(zone, first_date, last_date):
        local = (instant + before).replace(tzinfo=None)
        kinds.setdefault((before, after, name, summer), []).append(local)
    if not kinds:
        start = datetime.combine(first_date, datetime.min.time(), tzinfo=zone)
        offset = start.utcoffset()
        kinds[(offset, offset, start.tzname(), False)] = [start.replace(tzinfo=None)]
    for (before, after, name, summer), starts in kinds.items():
        component = TimezoneDaylight() if summer else TimezoneStandard()
        component.add("dtstart", starts[0])
        for start in starts:
            component.add("rdate", start)
        component.add("tzoffsetfrom", before)
        component.add("tzoffsetto", after)
        component.add("tzname", name)
        timezone_.add_component(component)
    return timezone_


END = b"END:VCALENDAR\r\n"


def stream_calendar(
    events: Iterable[bytes], *, name: str, first: datetime | None, last: datetime | None
) -> Iterator[bytes]:
    """A VCALENDAR, as bytes, around ``events`` (VEVENTs already serialised, any number per
    item), so that a long feed can go out a chunk at a time.

    ``first`` and ``last`` are the earliest and latest start among the events (None when there
    are none): the VTIMEZONE comes before the events, and stands alone in a calendar without
    events.
    """
    # A VCALENDAR holds at least one component (RFC 5545 §3.6): with no events, the zone.
    first = first or timezone.now()
    yield _calendar(name).to_ical().removesuffix(END)
    yield _zone(settings.TIME_ZONE, **_years_around(first, last or first))
    yield from events
    yield END


@lru_cache(maxsize=64)
def _zone(tzid: str, *, first_date: date, last_date: date) -> bytes:
    """The VTIMEZONE's bytes: the zone's rules do not change while the site runs."""
    return vtimezone(tzid, first_date=first_date, last_date=last_date).to_ical()


def calendar_file(meetings: Iterable, *, name: str, url_for) -> bytes:
    """A VCALENDAR of ``meetings`` with the VTIMEZONE they refer to."""
    meetings = list(meetings)
    starts = [meeting.start for meeting in meetings]
    return b"".join(
        stream_calendar(
            [meeting_event(meeting, url=url_for(meeting)) for meeting in meetings],
            name=name,
            first=min(starts, default=None),
            last=max(starts, default=None),
        )
    )


def calendar_name(title: str) -> str:
    return _("%(title)s — Kraków") % {"title": title}
