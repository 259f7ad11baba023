"""iCalendar (RFC 5545) output for meetings, built with the icalendar library."""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

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


def meeting_event(meeting, *, url: str) -> Event:
    """One VEVENT. ``meeting`` carries ``localized_spheres`` (see selectors)."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.start))
    event.add("dtend", timezone.localtime(meeting.end))
    event.add("summary", event_title(meeting))
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
    event.add("description", "\n\n".join(description))
    location = location_text(meeting)
    if location:
        event.add("location", location)
    event.add("url", url)
    if spheres:
        event.add("categories", spheres)
    event.add("status", STATUS[meeting.status])
    event.add("sequence", meeting.sequence)
    if meeting.page.last_published_at:
        event.add("last-modified", meeting.page.last_published_at)
    return event


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


def build_calendar(meetings: Iterable, *, name: str, url_for) -> Calendar:
    """A VCALENDAR of ``meetings`` with the Europe/Warsaw VTIMEZONE they refer to."""
    calendar = _calendar(name)
    starts: list[datetime] = []
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_for(meeting)))
        starts.append(meeting.start)
    if starts:
        zone = vtimezone(settings.TIME_ZONE, **_years_around(min(starts), max(starts)))
        calendar.subcomponents.insert(0, zone)
    return calendar


END = b"END:VCALENDAR\r\n"


def stream_calendar(
    events: Iterable[bytes], *, name: str, first: datetime | None, last: datetime | None
) -> Iterator[bytes]:
    """A VCALENDAR as ``build_calendar`` makes it, as bytes, around ``events`` (VEVENTs already
    serialised, any number per item), so that a long feed can go out a chunk at a time.

    ``first`` and ``last`` are the earliest and latest start among the events (None when there
    are none): the VTIMEZONE comes before the events, as ``build_calendar`` puts it, and
    stands alone in a calendar without events.
    """
    head = _calendar(name)
    # A VCALENDAR holds at least one component (RFC 5545 §3.6): with no events, the zone.
    first = first or timezone.now()
    head.add_component(vtimezone(settings.TIME_ZONE, **_years_around(first, last or first)))
    yield head.to_ical().removesuffix(END)
    yield from events
    yield END


def calendar_name(title: str) -> str:
    return _("%(title)s — Kraków") % {"title": title}
