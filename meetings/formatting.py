"""Dates and times as the city writes them, in Warsaw time, in the active language.

Polish:    "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00"
English:   "Tuesday 10 June 2025, 17:00–19:00"
Ukrainian: "10 червня 2025 р. (вівторок), 17:00–19:00"

Month and weekday names come from the CLDR (Babel), in each language's grammatical forms: the
genitive month of a date ("10 czerwca", "10 червня") and the nominative of a month heading
("czerwiec 2025"). The city's house styles are CLDR patterns in ``MEETINGS_DATE_STYLES``; a
language without one takes its CLDR long and full date formats.

Templates and feeds call these functions; nothing else formats dates.
"""

from datetime import date, datetime, time
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as cldr_date
from babel.dates import format_time as cldr_time
from django.conf import settings
from django.utils import timezone, translation

from meetings.conf import plugin_settings

EN_DASH = "\u2013"
# A language without a house style: its CLDR formats.
CLDR_STYLE = {"date": "long", "date_weekday": "full", "time": "short", "time_prefix": ""}


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE, sep="-")


def _style(language: str | None) -> tuple[Locale, dict]:
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    styles = plugin_settings.DATE_STYLES
    style = styles.get(code) or styles.get(code.split("-")[0]) or {}
    return _locale(code), {**CLDR_STYLE, **style}


def to_local(value: datetime) -> datetime:
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def format_date(value: date, *, language: str | None = None, weekday: bool = True) -> str:
    """ "10 czerwca 2025 r. (wtorek)" / "Tuesday 10 June 2025"."""
    return _date(value, *_style(language), weekday=weekday)


def format_time(value: datetime, *, language: str | None = None) -> str:
    return _time(value, *_style(language))


def format_time_range(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """ "godz. 17:00–19:00" / "17:00–19:00"; the end carries its date when it is another day."""
    locale, style = _style(language)
    local_start, local_end = to_local(start), to_local(end)
    end_text = _time(local_end, locale, style)
    if local_end.date() != local_start.date():
        end_text = f"{_date(local_end, locale, style, weekday=False)} {end_text}"
    return f"{style['time_prefix']}{_time(local_start, locale, style)}{EN_DASH}{end_text}"


def meeting_when_parts(
    start: datetime, end: datetime, *, language: str | None = None
) -> tuple[str, str]:
    """The date with its weekday, and the time range: the two halves of the full line."""
    return format_date(start, language=language), format_time_range(start, end, language=language)


def format_meeting_when(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """The full line: date, weekday and time range."""
    return "{}, {}".format(*meeting_when_parts(start, end, language=language))


def format_month(value: date, *, language: str | None = None) -> str:
    """A month heading, its name in the nominative: "czerwiec 2025" / "June 2025"."""
    locale, _style_ = _style(language)
    return _cldr_date(value, "LLLL y", locale)


def _date(value: date, locale: Locale, style: dict, *, weekday: bool) -> str:
    if isinstance(value, datetime):
        value = to_local(value).date()
    return _cldr_date(value, style["date_weekday" if weekday else "date"], locale)


def _time(value: datetime, locale: Locale, style: dict) -> str:
    return _cldr_time(to_local(value).time(), style["time"], locale)


# A page lists many meetings on few days and at few times: each text is made once.
@lru_cache(maxsize=4096)
def _cldr_date(value: date, pattern: str, locale: Locale) -> str:
    return cldr_date(value, pattern, locale=locale)


@lru_cache(maxsize=1024)
def _cldr_time(value: time, pattern: str, locale: Locale) -> str:
    return cldr_time(value, pattern, locale=locale)
