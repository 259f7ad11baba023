"""Reading a pasted announcement of consultation meetings into structured data.

Departments write these announcements in a word processor, each in its own habits: dates in
words or digits, lists of spheres in the act's genitive or as headings, one sentence for the
venue of all meetings or a venue per meeting. Editors paste the text and expect a draft, so
the parser reads what it can, says what it could not as ``Problem`` objects, and never guesses
silently. It is pure: the known spheres, venues and organisers come in as plain values, so the
admin view, the management command and the tests share it without a database.

This module assembles the announcement and its meetings; the modules beside it each read
one kind of thing (dates, spheres, venues…) and know nothing of one another's results.
"""

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from meetings.formatting import format_date

from .blocks import (
    HEADING_RE,
    LABEL_RE,
    MEETING_HEADING_RE,
    SHARED_RE,
    MeetingDraft,
    is_chrome,
    is_date_line,
    meeting_when,
    other_days,
    split_blocks,
    time_slot,
)
from .consultations import find_consultation
from .dates import UNTIL_ALONE_RE, WARSAW, DateHit, at, find_date, find_time
from .markup import inline_html, plain_text
from .messages import MESSAGES, count, message, problem
from .online import ONLINE_RE, find_online_url
from .organizers import find_organizers
from .spheres import (
    SphereIndex,
    distinct,
    inline_spheres,
    match_spheres,
    phrase_spheres,
    spheres_in_text,
    tail_spheres,
)
from .text import MAX_TEXT_LENGTH, read_text
from .topics import find_topic
from .types import (
    ImportTextError,
    KnownConsultation,
    KnownOrganizer,
    KnownSphere,
    KnownVenue,
    ParsedAnnouncement,
    ParsedMeeting,
    Problem,
    SphereMatch,
    VenueMatch,
)
from .venues import find_venue

__all__ = [
    "MAX_TEXT_LENGTH",
    "MESSAGES",
    "ImportTextError",
    "KnownConsultation",
    "KnownOrganizer",
    "KnownSphere",
    "KnownVenue",
    "ParsedAnnouncement",
    "ParsedMeeting",
    "Problem",
    "SphereMatch",
    "VenueMatch",
    "message",
    "parse_announcement",
    "read_text",
]

TITLE_MAX_LENGTH = 255  # Wagtail's page title
LEAD_MAX_LENGTH = 1000  # MeetingAnnouncementPage.lead
TOPIC_MAX_LENGTH = 500  # Meeting.topic


def parse_announcement(
    text: str | bytes,
    *,
    spheres: Sequence[KnownSphere],
    venues: Sequence[KnownVenue] = (),
    organizers: Sequence[KnownOrganizer] = (),
    consultations: Sequence[KnownConsultation] = (),
    today: date | None = None,
    max_meetings: int | None = None,
) -> ParsedAnnouncement:
    """Read an announcement; what could not be read is listed in ``problems``.

    A text with more than ``max_meetings`` meetings is refused as soon as they are counted,
    before each one's spheres and venue are matched.
    """
    text = read_text(text)
    today = today or datetime.now(WARSAW).date()
    problems: list[Problem] = []
    blocks = split_blocks(text)

    title = ""
    publication_date: date | None = None
    lead = ""
    lead_seen = False
    body: list[str] = []
    prose: list[str] = []
    drafts: list[MeetingDraft] = []
    current: MeetingDraft | None = None
    collecting = False
    list_items: list[str] = []
    # The day a heading or a paragraph names, for time slots listed under it.
    day: DateHit | None = None
    # Every paragraph outside the meetings, with the lists that follow it, one item a line.
    listed: list[str] = []

    def flush_list() -> None:
        if list_items:
            items = "".join(f"<li>{inline_html(item)}</li>" for item in list_items)
            body.append(f"<ul>{items}</ul>")
            list_items.clear()

    for position, block in enumerate(blocks):
        block_text = block.text
        if is_chrome(block_text):
            continue
        if (
            not title
            and not lead_seen
            and not drafts
            and block.kind == "text"
            and not is_date_line(block_text)
        ):
            title = plain_text(HEADING_RE.sub("", block_text))
            day = find_date(title)
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if block.kind == "bullet":
            if current is not None and collecting:
                current.bullets.append(block_text)
            else:
                list_items.append(block_text)
                listed.append(block_text)
            continue
        flush_list()
        if (
            publication_date is None
            and not lead_seen
            and not drafts
            and position <= 4
            and is_date_line(block_text)
        ):
            publication_date = _publication_date(block_text, problems)
            continue
        first_line = block_text.split("\n", 1)[0]
        if (current is None or current.slot) and time_slot(first_line, day) is not None:
            # One meeting a line that starts with a time; the other lines belong to it.
            for line in block_text.split("\n"):
                slot = time_slot(line, day)
                if slot is not None:
                    current = MeetingDraft(text=line, when=slot, slot=True)
                    drafts.append(current)
                elif current is not None:
                    current.attached.append(line)
            collecting = True
            continue
        when = meeting_when(block_text, following)
        if when is not None:
            current = MeetingDraft(text=block_text, when=when)
            drafts.extend(other_days(current))
            drafts.append(current)
            collecting = True
            if not lead_seen and when.date and when.date.start > 80:
                lead, lead_seen = plain_text(block_text), True
            continue
        if current is not None and LABEL_RE.match(block_text) and not SHARED_RE.search(block_text):
            current.attached.append(block_text)
            continue
        if MEETING_HEADING_RE.match(plain_text(block_text)):
            continue
        current, collecting = None, False
        listed.append("\n" + block_text)
        named = find_date(block_text)
        if named is not None and find_time(block_text) is None:
            day = named
        if not lead_seen and not drafts:
            lead, lead_seen = plain_text(block_text), True
            prose.append(block_text)
            continue
        prose.append(block_text)
        heading = HEADING_RE.match(block_text)
        if heading:
            body.append(f"<p><b>{inline_html(block_text[heading.end() :])}</b></p>")
        else:
            body.append(f"<p>{inline_html(block_text)}</p>")
    flush_list()

    if not title:
        problems.append(problem("no_title"))
    elif len(title) > TITLE_MAX_LENGTH:
        problems.append(problem("title_too_long", length=len(title), limit=TITLE_MAX_LENGTH))
    if not lead:
        problems.append(problem("no_lead"))
    elif len(lead) > LEAD_MAX_LENGTH:
        problems.append(problem("lead_too_long", length=len(lead), limit=LEAD_MAX_LENGTH))

    too_many = max_meetings is not None and len(drafts) > max_meetings
    if too_many:
        problems.append(
            problem("too_many_meetings", count=count(len(drafts)), limit=count(max_meetings))
        )
        drafts = []
    index = SphereIndex(spheres)
    reference_day = publication_date or today
    listed_text = "\n".join(listed)
    meetings = [
        _meeting(number, draft, index, venues, prose, listed_text, reference_day, problems)
        for number, draft in enumerate(drafts)
    ]
    if not meetings and not too_many:
        problems.append(problem("no_meetings"))

    named = "\n".join([title, lead, *prose])
    organizer_ids = find_organizers(named, organizers)
    if not organizer_ids:
        problems.append(problem("no_organizer"))

    problems.sort(key=lambda problem: -1 if problem.meeting is None else problem.meeting)
    return ParsedAnnouncement(
        title=title,
        publication_date=publication_date,
        lead=lead,
        body_html="".join(body),
        meetings=meetings,
        organizers=organizer_ids,
        problems=problems,
        consultation=find_consultation(named, consultations),
    )


def _words(match: SphereMatch) -> str:
    """The words a sphere was found by, as a problem quotes them."""
    return plain_text(match.text).rstrip(";,.")


def _publication_date(line: str, problems: list[Problem]) -> date | None:
    hit = find_date(line)
    if hit is None or hit.year is None:
        return None
    try:
        return date(hit.year, hit.month, hit.day)
    except ValueError:
        problems.append(problem("invalid_publication_date", date=hit.text))
        return None


def _meeting(
    number: int,
    draft: MeetingDraft,
    index: SphereIndex,
    venues: Sequence[KnownVenue],
    shared: list[str],
    listed: str,
    reference_day: date,
    problems: list[Problem],
) -> ParsedMeeting:
    flat = draft.text.replace("\n", " ")
    when = draft.when
    date_text = flat[when.start : when.end].strip(" ,")
    start, end = _meeting_times(number, draft, date_text, reference_day, shared, problems)

    own_text = "\n".join([draft.text[when.end :], *draft.attached])

    spheres_text = draft.bullets or inline_spheres(own_text)
    spheres = match_spheres(spheres_text, index)
    if not draft.bullets and len(spheres) == 1:
        # "sfery promocji Rzeczypospolitej Polskiej za granicą oraz pomocy Polonii…": two
        # spheres joined by "oraz", each of them sure on its own
        parts = phrase_spheres(spheres[0].text, index)
        if len(parts) > 1:
            spheres = parts
    if not spheres:
        # Named in the meeting's own words, else in what the announcement says of all of them.
        doubts: list[SphereMatch] = []
        spheres = spheres_in_text("\n".join([draft.text, *draft.attached]), index, doubts)
        if draft.slot and not spheres:  # "godz. 10:00–11:30 – kultura, sztuka…"
            spheres = phrase_spheres(flat[when.end :], index, "line", doubts)
        first_line = draft.text.split("\n")[0][when.end :]
        spheres = spheres or tail_spheres(first_line, index, doubts)
        spheres = spheres or spheres_in_text(listed, index, doubts)
        found = {sphere.number for sphere in spheres}
        problems.extend(
            problem(
                "possible_sphere",
                number,
                date=date_text,
                text=_words(doubt),
                sphere=index.name_of(doubt.number),
            )
            for doubt in distinct(doubts)
            if doubt.number not in found
        )
    problems.extend(
        problem("unmatched_sphere", number, date=date_text, text=_words(sphere))
        for sphere in spheres
        if sphere.number is None
    )
    if not spheres:
        problems.append(problem("no_spheres", number, date=date_text))

    venue = find_venue(own_text, venues)
    online_text = own_text if ONLINE_RE.search(own_text) or find_online_url(own_text) else ""
    topic = find_topic(own_text)
    for paragraph in shared:
        says_where = re.search(r"(?i:odbęd|odbyw|miejsce|przeprowadzon|\bw\s+sali\b)", paragraph)
        if venue is None and says_where:
            venue = find_venue(paragraph, venues)
        if not online_text and says_where and ONLINE_RE.search(paragraph):
            online_text = paragraph
        if not topic:
            topic = find_topic(paragraph)
    online = bool(online_text)
    online_url = find_online_url(online_text) if online else ""

    if venue is None and not online:
        problems.append(problem("no_venue", number, date=date_text))
    if online and not online_url:
        problems.append(problem("no_online_url", number, date=date_text))
    if not topic:
        problems.append(problem("no_topic", number, date=date_text))
    elif len(topic) > TOPIC_MAX_LENGTH:
        problems.append(
            problem(
                "topic_too_long", number, date=date_text, length=len(topic), limit=TOPIC_MAX_LENGTH
            )
        )
    return ParsedMeeting(
        start=start,
        end=end,
        date_text=date_text,
        weekday=when.weekday,
        spheres=spheres,
        venue=venue,
        topic=topic,
        online=online,
        online_url=online_url,
    )


def _meeting_times(
    number: int,
    draft: MeetingDraft,
    date_text: str,
    reference_day: date,
    shared: list[str],
    problems: list[Problem],
) -> tuple[datetime | None, datetime | None]:
    when = draft.when
    hit = when.date
    if hit is None:
        problems.append(problem("no_date", number, text=plain_text(draft.text)[:80]))
        return None, None
    year = hit.year
    if year is None:
        year = reference_day.year
        try:
            if date(year, hit.month, hit.day) < reference_day - timedelta(days=60):
                year += 1  # "12 stycznia" announced in December
        except ValueError:
            pass
        problems.append(problem("assumed_year", number, date=hit.text, year=year))
    try:
        day = date(year, hit.month, hit.day)
    except ValueError:
        problems.append(problem("invalid_date", number, date=hit.text))
        return None, None
    if when.weekday_index is not None and when.weekday_index != day.weekday():
        problems.append(
            problem(
                "weekday_mismatch",
                number,
                written=when.weekday,
                date=hit.text,
                correct=format_date(day),
            )
        )
    time = when.time
    if time is None:
        for attached in draft.attached:
            time = find_time(attached)
            if time:
                break
    if time is None:
        problems.append(problem("no_time", number, date=date_text))
        return None, None
    start = at(day, time.h1, time.m1)
    if start is None:
        problems.append(problem("invalid_time", number, date=date_text, time=time.text))
        return None, None
    if time.h2 is None:
        until = next(
            (
                found
                for paragraph in [draft.text[time.end :], *draft.attached, *shared]
                if (found := UNTIL_ALONE_RE.search(paragraph))
            ),
            None,
        )
        end = until and at(day, int(until["h2"]), int(until["m2"]))
        if end is None or end <= start:
            problems.append(problem("no_end_time", number, date=date_text))
            return start, None
        return start, end
    end = at(day, time.h2, time.m2 or 0)
    if end is None:
        problems.append(problem("invalid_time", number, date=date_text, time=time.text))
        return start, None
    if end <= start:
        problems.append(
            problem(
                "end_before_start",
                number,
                date=date_text,
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
            )
        )
    return start, end
