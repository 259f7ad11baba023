from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from meetings.formatting import format_date, format_meeting_when, format_month

WARSAW = ZoneInfo("Europe/Warsaw")


def test_polish_meeting_line_reads_like_the_announcement():
    start = datetime(2025, 6, 10, 17, tzinfo=WARSAW)
    end = datetime(2025, 6, 10, 19, tzinfo=WARSAW)

    assert (
        format_meeting_when(start, end, language="pl")
        == "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00"
    )


def test_english_meeting_line():
    start = datetime(2025, 6, 10, 17, tzinfo=WARSAW)
    end = datetime(2025, 6, 10, 19, tzinfo=WARSAW)

    assert format_meeting_when(start, end, language="en") == "Tuesday 10 June 2025, 17:00–19:00"


def test_times_are_shown_in_warsaw_time_whatever_the_stored_zone():
    start = datetime(2025, 6, 10, 15, tzinfo=UTC)
    end = datetime(2025, 6, 10, 17, tzinfo=UTC)

    assert format_meeting_when(start, end, language="pl").endswith("godz. 17:00–19:00")


def test_winter_time_is_one_hour_ahead_of_utc():
    start = datetime(2025, 12, 1, 16, tzinfo=UTC)
    end = datetime(2025, 12, 1, 18, tzinfo=UTC)

    assert (
        format_meeting_when(start, end, language="pl")
        == "1 grudnia 2025 r. (poniedziałek), godz. 17:00–19:00"
    )


def test_a_meeting_past_midnight_names_its_end_date():
    start = datetime(2025, 6, 10, 22, tzinfo=WARSAW)
    end = datetime(2025, 6, 11, 1, tzinfo=WARSAW)

    assert (
        format_meeting_when(start, end, language="en")
        == "Tuesday 10 June 2025, 22:00–11 June 2025 01:00"
    )


def test_dates_without_weekday_and_month_headings():
    assert format_date(date(2025, 6, 10), language="pl", weekday=False) == "10 czerwca 2025 r."
    assert format_month(date(2025, 6, 1), language="pl") == "czerwiec 2025"
    assert format_month(date(2025, 6, 1), language="en") == "June 2025"


def test_ukrainian_dates_take_the_genitive_month_and_headings_the_nominative():
    start = datetime(2025, 6, 10, 17, tzinfo=WARSAW)

    assert (
        format_meeting_when(start, start.replace(hour=19), language="uk")
        == "10 червня 2025 р. (вівторок), 17:00–19:00"
    )
    assert format_date(date(2025, 6, 10), language="uk", weekday=False) == "10 червня 2025 р."
    assert format_month(date(2025, 6, 1), language="uk") == "червень 2025"


@pytest.mark.parametrize(
    ("language", "line", "month"),
    [
        ("de", "Dienstag, 10. Juni 2025, 17:00–19:00", "Juni 2025"),
        ("cs", "úterý 10. června 2025, 17:00–19:00", "červen 2025"),
    ],
)
def test_a_language_without_a_house_style_writes_dates_as_the_cldr_does(language, line, month):
    start = datetime(2025, 6, 10, 17, tzinfo=WARSAW)

    assert format_meeting_when(start, start.replace(hour=19), language=language) == line
    assert format_month(date(2025, 6, 1), language=language) == month


def test_a_host_sets_its_own_house_style_in_its_settings(settings):
    settings.MEETINGS_DATE_STYLES = {
        "de": {"date": "d. MMMM y", "date_weekday": "EEEE, d. MMMM y", "time": "HH:mm 'Uhr'"}
    }
    start = datetime(2025, 6, 10, 17, tzinfo=WARSAW)

    assert (
        format_meeting_when(start, start.replace(hour=19), language="de")
        == "Dienstag, 10. Juni 2025, 17:00 Uhr–19:00 Uhr"
    )


# The same Warsaw wall-clock hour on either side of a DST change is a different UTC hour: each
# house style and a CLDR-only language print 17:00 on both sides, in autumn and in spring.
@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        (
            "pl",
            "25 października 2025 r. (sobota), godz. 17:00–19:00",
            "27 października 2025 r. (poniedziałek), godz. 17:00–19:00",
        ),
        ("en", "Saturday 25 October 2025, 17:00–19:00", "Monday 27 October 2025, 17:00–19:00"),
        (
            "uk",
            "25 жовтня 2025 р. (субота), 17:00–19:00",
            "27 жовтня 2025 р. (понеділок), 17:00–19:00",
        ),
        ("de", "Samstag, 25. Oktober 2025, 17:00–19:00", "Montag, 27. Oktober 2025, 17:00–19:00"),
    ],
)
def test_every_style_keeps_warsaw_time_across_the_autumn_change(language, before, after):
    assert format_meeting_when(utc(2025, 10, 25, 15), utc(2025, 10, 25, 17), language=language) == (
        before
    )
    assert format_meeting_when(utc(2025, 10, 27, 16), utc(2025, 10, 27, 18), language=language) == (
        after
    )


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        (
            "pl",
            "28 marca 2026 r. (sobota), godz. 17:00–19:00",
            "30 marca 2026 r. (poniedziałek), godz. 17:00–19:00",
        ),
        ("en", "Saturday 28 March 2026, 17:00–19:00", "Monday 30 March 2026, 17:00–19:00"),
        (
            "uk",
            "28 березня 2026 р. (субота), 17:00–19:00",
            "30 березня 2026 р. (понеділок), 17:00–19:00",
        ),
        ("de", "Samstag, 28. März 2026, 17:00–19:00", "Montag, 30. März 2026, 17:00–19:00"),
    ],
)
def test_every_style_keeps_warsaw_time_across_the_spring_change(language, before, after):
    assert format_meeting_when(utc(2026, 3, 28, 16), utc(2026, 3, 28, 18), language=language) == (
        before
    )
    assert format_meeting_when(utc(2026, 3, 30, 15), utc(2026, 3, 30, 17), language=language) == (
        after
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
