"""Dates, weekdays and times, in the many ways the departments write them."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale

from .words import fold

WARSAW = ZoneInfo("Europe/Warsaw")

# The months as Polish writes them in a date (genitive, "10 czerwca") and alone ("czerwiec").
_POLISH = Locale.parse("pl")
MONTHS_GENITIVE_PL = [_POLISH.months["format"]["wide"][number] for number in range(1, 13)]
MONTHS_NOMINATIVE_PL = [_POLISH.months["stand-alone"]["wide"][number] for number in range(1, 13)]

_MONTHS = {
    fold(month): number
    for months in (MONTHS_GENITIVE_PL, MONTHS_NOMINATIVE_PL)
    for number, month in enumerate(months, start=1)
}
_MONTH_WORDS = sorted({*_MONTHS, *MONTHS_GENITIVE_PL, *MONTHS_NOMINATIVE_PL}, key=len, reverse=True)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN.update({"X": 10, "XI": 11, "XII": 12})
_YEAR_SUFFIX = r"(?:\s{0,3}(?:r\.|roku\b|rok\b))?"

_DATE_PATTERNS = [
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})\.?\s{1,3}(?P<month>(?i:" + "|".join(_MONTH_WORDS) + r"))\b"
        r"(?:\s{0,3}(?P<year>\d{4})\b)?" + _YEAR_SUFFIX
    ),
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})\b"
        + _YEAR_SUFFIX
    ),
    re.compile(r"(?<![\d.])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})[.\s]\s{0,2}(?P<month>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
        r"[.\s]\s{0,2}(?P<year>\d{4})\b" + _YEAR_SUFFIX
    ),
]

_WEEKDAY_FORMS = {
    "poniedzialek": 0,
    "pon": 0,
    "pn": 0,
    "wtorek": 1,
    "wt": 1,
    "sroda": 2,
    "srode": 2,
    "sr": 2,
    "czwartek": 3,
    "czw": 3,
    "cz": 3,
    "piatek": 4,
    "pt": 4,
    "pia": 4,
    "sobota": 5,
    "sobote": 5,
    "sob": 5,
    "sb": 5,
    "niedziela": 6,
    "niedziele": 6,
    "niedz": 6,
    "ndz": 6,
    "nd": 6,
}
_WEEKDAY_WORD = (
    r"(?<!\w)(?P<weekday>(?i:poniedzia[lł]ek|wtorek|[sś]rod[aęe]|czwartek|pi[aą]tek|sobot[aęe]"
    r"|niedziel[aęe]|pon|pn|wt|[sś]r|czw|cz|pt|pi[aą]|sob|sb|niedz|ndz|nd))\b\.?"
)
_WEEKDAY_AFTER = re.compile(r"\s{0,3}[,(–-]?\s{0,3}\(?\s{0,2}" + _WEEKDAY_WORD + r"\)?")
_WEEKDAY_BEFORE = re.compile(
    r"(?:\bw[e]?\s)?" + _WEEKDAY_WORD + r"\s{0,3}[,–-]?\s{0,3}(?:(?i:dnia|w dniu|dn\.)\s{1,3})?$"
)

_HOUR = r"(?P<{h}>\d{{1,2}})(?:[:.](?P<{m}>\d{{2}}))?"
_TIME_KEYWORD = (
    r"(?P<keyword>(?i:(?:w\s)?godz(?:inach|inie|ina|\.)?|od(?:\sgodz(?:iny|\.)?)?|o\sgodz\.?)"
    r"\s{0,3})?"
)
_TIME_RANGE_RE = re.compile(
    _TIME_KEYWORD
    + r"(?<![\d:])"
    + _HOUR.format(h="h1", m="m1")
    + r"\s{0,3}(?:-|–|—|(?i:do)(?:\s(?i:godz(?:iny|\.)?))?)\s{0,3}"
    + _HOUR.format(h="h2", m="m2")
    + r"(?!\d|:\d)"
)
_TIME_SINGLE_RE = re.compile(
    r"(?P<keyword>(?i:(?:o\s|w\s|od\s)?godz(?:inie|ina|\.)?|(?:o|od)\s(?=\d{1,2}[:.]\d{2})))"
    r"\s{0,3}(?<![\d:])" + _HOUR.format(h="h1", m="m1") + r"(?!\d|:\d)"
)


# "(do ok. 19:00)", ", które potrwa do godz. 12:30": the end written after a single start.
_UNTIL_RE = re.compile(
    r"\s{0,3}[(,]?\s{0,3}(?i:(?:któr\w{1,2}\s{1,3})?(?:potrwa|trwa|zakończy\s+się)\s{1,3})?"
    r"(?i:do|około|ok\.)\s{1,3}(?i:(?:ok\.|około)\s{0,3})?(?i:godz(?:iny|\.)?\s{0,3})?"
    r"(?<![\d:])(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?![\d:])\)?"
)
# "Przewidywany czas trwania spotkania: do godz. 12.00.", "Planowane zakończenie: godz. 18:00".
UNTIL_ALONE_RE = re.compile(
    r"(?i:(?:potrwa|trwa\w*|zakończ\w*)[^.\n]{0,40}?\bdo\s{1,3}(?:godz(?:iny|\.)?\s{0,3})?"
    r"|zakończenie\s{0,3}:?\s{0,3}(?:o\s)?(?:godz(?:iny|\.)?\s{0,3})?)"
    r"(?<![\d:])(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?![\d:])"
)


@dataclass
class DateHit:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None


@dataclass
class TimeHit:
    start: int
    end: int
    text: str
    h1: int
    m1: int
    h2: int | None
    m2: int | None


@dataclass
class When:
    """Where a meeting's date and time were written, and what they say."""

    date: DateHit | None
    time: TimeHit | None
    weekday: str | None
    weekday_index: int | None
    start: int
    end: int


def find_date(text: str, start: int = 0) -> DateHit | None:
    best = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text, start)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    month = best.group("month")
    if month.isdigit():
        month_number = int(month)
    elif month in _ROMAN:
        month_number = _ROMAN[month]
    else:
        month_number = _MONTHS[fold(month)]
    year = best.group("year")
    return DateHit(
        start=best.start(),
        end=best.end(),
        text=best.group(0).strip(),
        day=int(best.group("day")),
        month=month_number,
        year=int(year) if year else None,
    )


def _time_hit(match: re.Match, *, single: bool = False) -> TimeHit | None:
    groups = match.groupdict()
    if not single and not (groups["keyword"] or groups["m1"] or groups["m2"]):
        return None  # "pkt 1-32" is not a time
    return TimeHit(
        start=match.start(),
        end=match.end(),
        text=match.group(0).strip(),
        h1=int(groups["h1"]),
        m1=int(groups["m1"] or 0),
        h2=None if single else int(groups["h2"]),
        m2=None if single else int(groups["m2"] or 0),
    )


def find_time(text: str, start: int = 0, end: int | None = None) -> TimeHit | None:
    end = len(text) if end is None else min(end, len(text))
    for match in _TIME_RANGE_RE.finditer(text, start, end):
        hit = _time_hit(match)
        if hit:
            return hit
    match = _TIME_SINGLE_RE.search(text, start, end)
    if not match:
        return None
    hit = _time_hit(match, single=True)
    until = _UNTIL_RE.match(text, match.end())
    if until and int(until.group("m2") or 0) < 60:
        # "o godz. 17:30 (do ok. 19:00)": the end written after the start
        hit.h2, hit.m2 = int(until.group("h2")), int(until.group("m2") or 0)
        hit.end, hit.text = until.end(), text[match.start() : until.end()].strip()
    return hit


def find_when(text: str) -> When | None:
    """The first date in ``text`` with its weekday and time, or a time alone."""
    hit = find_date(text)
    if hit is None:
        time = find_time(text, 0, 120)
        if time is None:
            return None
        return When(None, time, None, None, time.start, time.end)
    start, end = hit.start, hit.end
    weekday = weekday_index = None
    after = _WEEKDAY_AFTER.match(text, hit.end)
    before = _WEEKDAY_BEFORE.search(text, max(0, hit.start - 30), hit.start)
    if after:
        weekday, end = after.group("weekday"), after.end()
    elif before:
        weekday, start = before.group("weekday"), before.start()
    if weekday:
        weekday_index = _WEEKDAY_FORMS.get(fold(weekday).rstrip("."))
    time = find_time(text, end, end + 150)
    if time is None:
        time = find_time(text, max(0, start - 80), start)
    if time is not None:
        start, end = min(start, time.start), max(end, time.end)
    return When(hit, time, weekday, weekday_index, start, end)


def at(day: date, hour: int, minute: int) -> datetime | None:
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    if hour == 24:
        return datetime(day.year, day.month, day.day, tzinfo=WARSAW) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)
