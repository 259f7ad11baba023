"""Dates and times as the city writes them, in Warsaw time, in the active language.

Polish:  "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00"
English: "Tuesday 10 June 2025, 17:00–19:00"

Templates and feeds call these functions; nothing else formats dates.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

MONTHS_GENITIVE_PL = [
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
]  # fmt: skip
MONTHS_NOMINATIVE_PL = [
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
    "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
]  # fmt: skip
WEEKDAYS_PL = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"]
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

EN_DASH = "\u2013"


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "pl" if code == "pl" else "en"


def to_local(value: datetime) -> datetime:
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def format_date(value: date, *, language: str | None = None, weekday: bool = True) -> str:
    """ "10 czerwca 2025 r. (wtorek)" / "Tuesday 10 June 2025"."""
    if isinstance(value, datetime):
        value = to_local(value).date()
    if _language(language) == "pl":
        text = f"{value.day} {MONTHS_GENITIVE_PL[value.month - 1]} {value.year} r."
        return f"{text} ({WEEKDAYS_PL[value.weekday()]})" if weekday else text
    text = f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    return f"{WEEKDAYS_EN[value.weekday()]} {text}" if weekday else text


def format_time(value: datetime) -> str:
    return to_local(value).strftime("%H:%M")


def format_time_range(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """ "godz. 17:00–19:00" / "17:00–19:00"; the end carries its date when it is another day."""
    local_start, local_end = to_local(start), to_local(end)
    end_text = format_time(end)
    if local_end.date() != local_start.date():
        end_text = f"{format_date(local_end, language=language, weekday=False)} {end_text}"
    times = f"{format_time(start)}{EN_DASH}{end_text}"
    return f"godz. {times}" if _language(language) == "pl" else times


def format_meeting_when(start: datetime, end: datetime, *, language: str | None = None) -> str:
    """The full line: date, weekday and time range."""
    return (
        f"{format_date(start, language=language)}, "
        f"{format_time_range(start, end, language=language)}"
    )


def format_month(value: date, *, language: str | None = None) -> str:
    """A month heading: "czerwiec 2025" / "June 2025"."""
    if _language(language) == "pl":
        return f"{MONTHS_NOMINATIVE_PL[value.month - 1]} {value.year}"
    return f"{MONTHS_EN[value.month - 1]} {value.year}"
