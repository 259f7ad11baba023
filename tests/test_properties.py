"""Properties that hold for any input: the API's and the schedule's filters, date formatting.

Hypothesis draws the inputs; the data is built once per class and only read by the examples.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from wagtail.models import Site

from meetings.formatting import format_date, format_meeting_when
from meetings.models import (
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    Sphere,
)
from tests import factories
from tests.factories import OrganizerFactory, VenueFactory, polish

WARSAW = ZoneInfo("Europe/Warsaw")
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

SPHERE_NUMBERS = ["1a", "5", "15", "16"]
STATUSES = [choice.value for choice in Meeting.Status]
MODES = [choice.value for choice in Meeting.AttendanceMode]


@pytest.fixture(scope="class")
def meetings_data(django_db_setup, django_db_blocker):
    """Twelve public meetings, past and upcoming, across spheres, venues, modes and statuses."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        index = factories.announcement_index(home)
        schedule = factories.schedule_page(home)
        spheres = {s.number: s for s in Sphere.objects.filter(locale=polish())}
        venues = [VenueFactory(), VenueFactory()]
        today = timezone.localdate()
        for number in range(3):
            meetings = []
            for offset in range(4):
                position = number * 4 + offset
                start = datetime.combine(
                    today + timedelta(days=(position - 6) * 9), time(8 + position), tzinfo=WARSAW
                )
                mode = MODES[position % 3]
                status = STATUSES[position % 4]
                meetings.append(
                    Meeting(
                        topic=f"Spotkanie {position}",
                        start=start,
                        end=start + timedelta(hours=2),
                        attendance_mode=mode,
                        venue=None if mode == "online" else venues[position % 2],
                        online_url="" if mode == "in_person" else "https://example.org/",
                        status=status,
                        status_note="" if status == "planned" else "Zmiana.",
                        spheres=[spheres[SPHERE_NUMBERS[position % 4]]],
                    )
                )
            page = MeetingAnnouncementPage(
                title=f"Ogłoszenie {number}",
                slug=f"ogloszenie-{number}",
                lead="Zapraszamy.",
                organizer_links=[AnnouncementOrganizer(organizer=OrganizerFactory())],
                meetings=meetings,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        yield {"venues": [v.pk for v in venues], "schedule": schedule, "spheres": spheres}
        transaction.set_rollback(True)


def anything(valid):
    """A valid value, arbitrary text or an arbitrary integer, for one parameter."""
    return st.one_of(valid, st.text(max_size=30), st.integers().map(str))


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
api_params = st.fixed_dictionaries(
    {},
    optional={
        "sphere": st.lists(anything(st.sampled_from(SPHERE_NUMBERS)), max_size=3),
        "from": anything(dates.map(date.isoformat)),
        "to": anything(dates.map(date.isoformat)),
        "status": anything(st.sampled_from(STATUSES)),
        "attendance_mode": anything(st.sampled_from(MODES)),
        "venue": anything(st.integers(min_value=1, max_value=10**6).map(str)),
        "announcement": anything(st.integers(min_value=1, max_value=10**6).map(str)),
        "q": anything(st.sampled_from(["Spotkanie", "Ogłoszenie 1", "brak"])),
        "upcoming": anything(st.sampled_from(["true", "false"])),
        "ordering": anything(st.sampled_from(["start", "-start"])),
        "limit": anything(st.integers(min_value=-5, max_value=120).map(str)),
        "offset": anything(st.integers(min_value=-5, max_value=20).map(str)),
        "locale": anything(st.sampled_from(["pl", "en"])),
    },
)


def _iso_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except (TypeError, ValueError):
        return None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=WARSAW)


def assert_meetings_satisfy(params: dict, body: dict, *, today: date):
    items = body["items"]
    limit = int(params.get("limit", 20))
    assert len(items) <= limit
    assert body["limit"] == limit
    starts = [datetime.fromisoformat(item["start"]) for item in items]
    if params.get("ordering", "start") == "start":
        assert starts == sorted(starts)
    else:
        assert starts == sorted(starts, reverse=True)
    start_from = _iso_date(params.get("from"))
    if start_from:
        assert all(start >= _start_of(start_from) for start in starts)
    end_to = _iso_date(params.get("to"))
    if end_to:
        assert all(start < _start_of(end_to + timedelta(days=1)) for start in starts)
    for name in ("status", "attendance_mode"):
        if name in params:
            assert {item[name] for item in items} <= {params[name]}
    if "venue" in params:
        assert {item["venue"]["id"] for item in items} <= {int(params["venue"])}
    if params.get("sphere"):
        wanted = set(params["sphere"])
        for item in items:
            numbers = {s["number"] for s in item["spheres"]} | {s["slug"] for s in item["spheres"]}
            assert numbers & wanted
    if "upcoming" in params:
        split = _start_of(today)
        upcoming = params["upcoming"] == "true"
        assert all((start >= split) == upcoming for start in starts)


@pytest.mark.django_db
class TestFilters:
    @PROPERTY_SETTINGS
    @given(params=api_params)
    def test_the_meetings_api_answers_any_filters_with_results_that_satisfy_them_or_a_4xx(
        self, meetings_data, params
    ):
        today = timezone.localdate()
        response = Client().get("/api/v1/meetings/", params)
        assume(timezone.localdate() == today)  # "upcoming" would change at midnight

        assert response.status_code in (200, 400, 404, 422), response.status_code
        body = response.json()
        if response.status_code == 200:
            assert_meetings_satisfy(params, body, today=today)
        elif response.status_code == 404:  # a sphere that does not exist, named
            assert params.get("sphere") and "No sphere" in body["detail"]
        else:
            assert body["detail"]

    @PROPERTY_SETTINGS
    @given(
        params=st.fixed_dictionaries(
            {},
            optional={
                "sphere": st.lists(
                    anything(st.sampled_from(["dzieci-i-mlodziez", "kultura"])), max_size=3
                ),
                "month": anything(st.sampled_from(["2025-06", "2100-12", "1900-01", "2025-13"])),
                "from": anything(dates.map(date.isoformat)),
                "to": anything(dates.map(date.isoformat)),
                "venue": st.text(max_size=12),
                "mode": anything(st.sampled_from(MODES)),
                "status": anything(st.sampled_from(STATUSES)),
                "page": st.text(max_size=12),
            },
        )
    )
    def test_the_public_schedule_never_fails_on_its_filters(self, meetings_data, params):
        for url in ("/harmonogram/", "/harmonogram/feed.ics"):
            response = Client().get(url, params)
            if url == "/harmonogram/" and response.status_code == 302:
                # Empty parameters: the same filter at its address without them.
                assert "=&" not in response["Location"]
                assert not response["Location"].endswith("=")
                response = Client().get(response["Location"])

            assert response.status_code in (200, 400), (url, response.status_code)


# --- Formatting -------------------------------------------------------------------------------

# Written out here, not imported, so that the formatting is checked against a second source.
GENITIVE = (
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia"
).split()
POLISH_WEEKDAYS = {
    1: "poniedziałek",
    2: "wtorek",
    3: "środa",
    4: "czwartek",
    5: "piątek",
    6: "sobota",
    7: "niedziela",
}
ENGLISH_MONTHS = [date(2001, month, 1).strftime("%B") for month in range(1, 13)]
ENGLISH_WEEKDAYS = {day: date(2001, 1, day).strftime("%A") for day in range(1, 8)}

aware_datetimes = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30), timezones=st.timezones()
)


@PROPERTY_SETTINGS
@given(moment=aware_datetimes)
def test_a_polish_date_is_the_warsaw_day_with_the_genitive_month_and_its_weekday(moment):
    local = moment.astimezone(WARSAW)

    text = format_date(moment, language="pl")

    assert text == (
        f"{local.day} {GENITIVE[local.month - 1]} {local.year} r. "
        f"({POLISH_WEEKDAYS[local.isoweekday()]})"
    )


@PROPERTY_SETTINGS
@given(moment=aware_datetimes)
def test_an_english_date_is_the_warsaw_day_with_its_weekday(moment):
    local = moment.astimezone(WARSAW)

    text = format_date(moment, language="en")

    assert text == (
        f"{ENGLISH_WEEKDAYS[local.isoweekday()]} {local.day} {ENGLISH_MONTHS[local.month - 1]} "
        f"{local.year}"
    )


@PROPERTY_SETTINGS
@given(moment=aware_datetimes, minutes=st.integers(min_value=1, max_value=12 * 60))
def test_meeting_times_are_warsaw_wall_clock_times_across_daylight_saving_changes(moment, minutes):
    end = moment + timedelta(minutes=minutes)
    local_start = moment.astimezone(WARSAW)
    local_end = end.astimezone(WARSAW)

    polish = format_meeting_when(moment, end, language="pl")
    english = format_meeting_when(moment, end, language="en")

    times = f"{local_start:%H:%M}\u2013"
    assert f"godz. {times}" in polish
    assert times in english
    assert polish.endswith(f"{local_end:%H:%M}")
    assert english.endswith(f"{local_end:%H:%M}")
    assert polish.startswith(format_date(moment, language="pl"))
    if local_end.date() != local_start.date():
        assert format_date(local_end, language="pl", weekday=False) in polish
