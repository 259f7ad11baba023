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

from datetime import date, datetime
from functools import cache
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
    if isinstance(value, datetime):
        value = to_local(value).date()
    locale, style = _style(language)
    return cldr_date(value, style["date_weekday" if weekday else "date"], locale=locale)


def format_time(value: datetime, *, language: str | None = None) -> str:
    locale, style = _style(language)
    return cldr_time(to_local(value).time(), style["time"], locale=locale)


def format_time_range(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """ "godz. 17:00–19:00" / "17:00–19:00"; the end carries its date when it is another day."""
    local_start, local_end = to_local(start), to_local(end)
    end_text = format_time(end, language=language)
    if local_end.date() != local_start.date():
        end_text = f"{format_date(local_end, language=language, weekday=False)} {end_text}"
    _locale_, style = _style(language)
    return f"{style['time_prefix']}{format_time(start, language=language)}{EN_DASH}{end_text}"


def format_meeting_when(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """The full line: date, weekday and time range."""
    return (
        f"{format_date(start, language=language)}, "
        f"{format_time_range(start, end, language=language)}"
    )


def format_month(value: date, *, language: str | None = None) -> str:
    """A month heading, its name in the nominative: "czerwiec 2025" / "June 2025"."""
    locale, _style_ = _style(language)
    return cldr_date(value, "LLLL y", locale=locale)
