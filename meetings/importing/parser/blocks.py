"""Blocks: the text's paragraphs and bullets, and the ones that start a meeting."""

import re
from dataclasses import dataclass, field, replace

from .dates import DateHit, When, find_date, find_time, find_when
from .markup import plain_text
from .words import fold

# A row of a table pasted from Word or a spreadsheet: cells split by tabs, pipes or spaces.
_TABLE_ROW_RE = re.compile(r"\t.*\t|\|.*\|.*\||\S {3,}\S.* {3,}\S")
# "Godzina: 16:00–18:00" below "Data: 7 października 2026 r." completes the meeting's date.
_TIME_LABEL_RE = re.compile(r"^(?i:godzin[ay]|godz\.|w\s+godz)")
_BULLET_RE = re.compile(
    r"^(?:[•▪■●○◦·∙‣⁃\uf0a7\uf0b7\uf0d8\uf0fc➢►✓]\s*|[-–—*]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+"
    r"|\(\w{1,3}\)\s+)(?=\S)"
)
LABEL_RE = re.compile(
    r"^(?i:(?:miejsce|adres|sala|lokalizacja|temat|tematyka|tematem|link|forma|platforma|sfery"
    r"|sfera|godzina|godziny|termin|spotkanie\s+(?:odbędzie|będzie|zostanie)|dołącz\w*)\b"
    r"|godz\.)"
)
MEETING_HEADING_RE = re.compile(
    r"^(?i:(?:spotkanie|spotkania)\s+(?:nr\.?\s?)?[0-9IVX]{1,4}|[0-9IVX]{1,4}\.?\s+spotkanie"
    r"|(?:pierwsze|drugie|trzecie|czwarte|piąte|szóste)\s+spotkanie)\s{0,2}[:.]?$"
)
_PUBLICATION_PREFIX_RE = re.compile(
    r"^(?i:(?:data\s+publikacji|opublikowano|data|kraków|krakow)\s{0,3}[:,]?\s{0,3})?"
    r"(?i:dnia\s+|dn\.\s*)?$"
)
HEADING_RE = re.compile(r"^#{1,6}\s*")
# "Tematem obu spotkań…", "Wszystkie spotkania odbędą się…" speak of every meeting.
SHARED_RE = re.compile(
    r"(?i:\bob(?:a|u|ydwa|ydwu)\s+spotka|\bwszystki\w{0,2}\s+spotka|\bspotkań\b"
    r"|\bspotkania\s+odbęd)"
)
# The brand, also as the two halves a paste splits it into when it starts the text.
_BRAND = ("magiczny kraków", "magiczny kraków.", "magiczny", "kraków")
_SCHEDULE_LINK_RE = re.compile(r"^[→>»\-–\s]*harmonogram spotkań\s*[→»]?$")


@dataclass
class Block:
    kind: str  # "text" or "bullet"
    lines: list[str]

    @property
    def text(self) -> str:
        return "".join(self.lines)


def is_date_line(line: str) -> bool:
    hit = find_date(line)
    if hit is None or hit.start > 40:
        return False
    rest = line[hit.end :].strip(" .")
    return not rest and bool(_PUBLICATION_PREFIX_RE.match(line[: hit.start]))


def _starts_block(line: str) -> bool:
    """A heading, a date line or a meeting's date begins a paragraph even without a blank line."""
    if HEADING_RE.match(line):
        return True
    if _TABLE_ROW_RE.search(line) and find_date(line):  # a row of a table with its date
        return True
    if _SLOT_RE.match(line):  # "9:00–10:30 (sfera: …)", one time slot a line
        time = find_time(line, 0, 40)
        if time is not None and time.h2 is not None and time.start == 0:
            return True
    hit = find_date(line[:80])
    return hit is not None and hit.start <= 40


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    after_blank = True
    previous = ""
    dated: Block | None = None
    for number, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            after_blank = True
            if current is not None and current.kind == "text":
                current = None
            continue
        bullet = _BULLET_RE.match(line)
        if bullet and _meeting_line(line):
            line, bullet = line[bullet.end() :].strip(), None  # meetings listed as bullets
        if bullet:
            current = Block("bullet", [line[bullet.end() :].strip()])
            blocks.append(current)
        elif (
            current is not None
            and current.kind == "bullet"
            and not after_blank
            and (raw[:1] in (" ", "\t") or line[:1].islower())
            and not _meeting_line(line)
        ):
            current.lines.append(" " + line)
        elif (
            dated is not None
            and not after_blank
            and _TIME_LABEL_RE.match(line)
            and find_time(line) is not None
        ):
            dated.lines.append("\n" + line)
            current = dated
        elif (
            current is not None
            and current.kind == "text"
            and not after_blank
            and number > 0
            and not _starts_block(line)
            and not HEADING_RE.match(current.lines[0])
        ):
            # Label lines ("Miejsce: …", "Temat: …") end their value at the end of the line.
            label = LABEL_RE.match(line) or LABEL_RE.match(previous) or previous.endswith(":")
            current.lines.append(("\n" if label else " ") + line)
        else:
            current = Block("text", [line])
            blocks.append(current)
            if number == 0 or is_date_line(line):
                # The title and a date line stand alone, unless a time follows the date.
                dated = current if number > 0 else None
                current = None
                after_blank = False
                previous = line
                continue
        after_blank = False
        previous = line
        dated = None
    return blocks


def _meeting_line(line: str) -> bool:
    when = find_when(line)
    return bool(when and when.date and when.time)


def is_chrome(text: str) -> bool:
    """The city portal's brand and its schedule link are page furniture, not content."""
    plain = plain_text(text).casefold()
    return plain in _BRAND or bool(_SCHEDULE_LINK_RE.match(plain))


@dataclass
class MeetingDraft:
    text: str
    when: When
    bullets: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)
    # A time slot of a day named above it ("godz. 10:00–11:30 – kultura…").
    slot: bool = False


_SLOT_RE = re.compile(r"^(?i:(?:w\s)?godz(?:inach|\.)?\s{0,3})?\d{1,2}[:.]\d{2}")
_DAYS_BEFORE_RE = re.compile(
    r"(?i:w\s+dniach|dni(?:a)?|spotkani\w{0,2})\s+(?P<days>(?:\d{1,2}(?:\.\d{1,2})?\s*(?:,|\bi\b|\boraz\b)\s*)+)$"
)


def time_slot(text: str, day: DateHit | None) -> When | None:
    """A paragraph that starts with a time range and says what happens in it, under a heading
    or a paragraph that names the day: one meeting of that day."""
    if day is None or find_date(text) is not None or not _SLOT_RE.match(text):
        return None
    time = find_time(text, 0, 40)
    if time is None or time.h2 is None or time.start > 12 or len(text[time.end :].strip()) < 4:
        return None
    return When(day, time, None, None, time.start, time.end)


def other_days(draft: MeetingDraft) -> list[MeetingDraft]:
    """The meetings of the other days a date lists before it ("w dniach 3 i 10 marca"), at the
    same time and place, earliest first; they share the paragraph's lists as they fill."""
    flat = draft.text.replace("\n", " ")
    hit = draft.when.date
    if hit is None:
        return []
    listed = _DAYS_BEFORE_RE.search(flat[: hit.start])
    if listed is None:
        return []
    days = [int(day.split(".")[0]) for day in re.findall(r"\d{1,2}(?:\.\d{1,2})?", listed["days"])]
    return [
        replace(draft, when=replace(draft.when, date=replace(hit, day=day)))
        for day in days
        if 1 <= day <= 31 and day != hit.day
    ]


def meeting_when(text: str, following: Block | None) -> When | None:
    """Whether a paragraph starts a meeting: a date with a time, or a date with its spheres."""
    flat = text.replace("\n", " ")
    when = find_when(flat)
    if when is None:
        return None
    bullets_follow = following is not None and following.kind == "bullet"
    if when.date is None:
        return when if bullets_follow and when.time.start <= 80 else None
    if when.time is not None:
        return when
    if bullets_follow and (when.date.start <= 80 or "spotkan" in fold(flat)):
        return when
    if when.date.start <= 40 and re.search(r"(?i:spotkani|odbędzie)", flat):
        return when
    return None
