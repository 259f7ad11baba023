"""Reading a pasted announcement into structured data.

The corpus in ``import_corpus/`` is the specification: each text, written the way one of the
city's departments writes, with the result expected from it written by hand beside it.
"""

import importlib.util
import json
import time
from datetime import date, datetime
from functools import cache
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page

from home.demo_text import (
    INVITATION,
    REFERENCE_LEAD,
    REFERENCE_MEETINGS,
    REFERENCE_TITLE,
    REFERENCE_TOPIC,
    REFERENCE_VENUE_PARAGRAPH,
)
from meetings.importing.parser import (
    MAX_TEXT_LENGTH,
    ImportTextError,
    KnownConsultation,
    KnownOrganizer,
    KnownSphere,
    KnownVenue,
    ParsedAnnouncement,
    parse_announcement,
    read_text,
)
from meetings.importing.parser.spheres import SphereIndex, spheres_in_text
from meetings.models import Organizer, Venue
from tests.factories import VenueFactory

WARSAW = ZoneInfo("Europe/Warsaw")
CORPUS = Path(__file__).parent / "import_corpus"
REFERENCE = CORPUS / "reference.txt"
PUBLISHED_REFERENCE = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "reference"
    / "announcement-2025-06-10.txt"
)
SPHERES_FILE = Path(__file__).resolve().parent.parent / "meetings" / "data" / "spheres.json"

# The units that organise the corpus's meetings, as the organiser snippets would name them.
ORGANIZER_NAMES = [
    "Wydział Polityki Społecznej, Równości i Zdrowia",
    "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych",
    "Wydział Kultury i Dziedzictwa Narodowego",
    "Wydział Sportu",
    "Wydział Edukacji",
    "Wydział Kształtowania Środowiska",
    "Wydział Bezpieczeństwa i Zarządzania Kryzysowego",
    "Miejski Ośrodek Pomocy Społecznej w Krakowie",
    "Zarząd Zieleni Miejskiej w Krakowie",
    "Wydział Rozwoju Miasta",
    "Wydział Promocji i Turystyki",
    "Pełnomocnik Prezydenta Miasta Krakowa ds. Polityki Senioralnej",
    "Pełnomocnik Prezydenta Miasta Krakowa ds. Osób z Niepełnosprawnościami",
]
ORGANIZERS = [KnownOrganizer(id=number, name=name) for number, name in enumerate(ORGANIZER_NAMES)]
DEKERTA = KnownVenue(
    id=24,
    name="Sala konferencyjna Wydziału Polityki Społecznej, Równości i Zdrowia",
    street_address="ul. Dekerta 24",
    room="sala konferencyjna",
    floor="III piętro",
)


@cache
def sphere_entries() -> tuple[dict, ...]:
    return tuple(json.loads(SPHERES_FILE.read_text(encoding="utf-8")))


def known_spheres() -> list[KnownSphere]:
    """The legal list as the data migration loads it: genitive wording and nominative name."""
    return [
        KnownSphere(
            number=entry["number"], name=entry["name_pl"], display_name=entry["name_pl_nominative"]
        )
        for entry in sphere_entries()
    ]


def parse(text: str | bytes, **known) -> ParsedAnnouncement:
    known.setdefault("spheres", known_spheres())
    known.setdefault("organizers", ORGANIZERS)
    known.setdefault("today", date(2025, 1, 1))
    return parse_announcement(text, **known)


def announcement(meeting: str, *bullets: str, after: str = "") -> str:
    """A small announcement around one meeting paragraph and its list of spheres."""
    bullets = bullets or (
        "działalności na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży;",
    )
    listed = "\n".join(f"- {bullet}" for bullet in bullets)
    return (
        "Spotkanie branżowe\n\n2025-06-01\n\n"
        "Wydział Edukacji zaprasza organizacje pozarządowe na spotkanie.\n\n"
        f"{meeting}\n{listed}\n\n{after}"
    )


def codes(parsed: ParsedAnnouncement, severity: str | None = None) -> list[str]:
    return [p.code for p in parsed.problems if severity is None or p.severity == severity]


def sphere_numbers(parsed: ParsedAnnouncement, meeting: int = 0) -> list[str | None]:
    return [sphere.number for sphere in parsed.meetings[meeting].spheres]


# --- The corpus ------------------------------------------------------------------------------


def as_expected(parsed: ParsedAnnouncement, expected: dict) -> dict:
    """The parsed result in the shape of an expected JSON, keeping only what it specifies."""
    actual = {
        "title": parsed.title,
        "publication_date": parsed.publication_date and parsed.publication_date.isoformat(),
        "lead": parsed.lead,
        "body_html": parsed.body_html,
        "organizers": [ORGANIZER_NAMES[number] for number in parsed.organizers],
        "problems": sorted(problem.code for problem in parsed.problems),
        "meetings": [],
    }
    for meeting, wanted in zip(parsed.meetings, expected["meetings"], strict=False):
        venue = meeting.venue and {
            "street_address": meeting.venue.street_address,
            "room": meeting.venue.room,
            "floor": meeting.venue.floor,
            "name": meeting.venue.name,
        }
        shaped = {
            "start": meeting.start and meeting.start.isoformat(),
            "end": meeting.end and meeting.end.isoformat(),
            "weekday": meeting.weekday,
            "spheres": [sphere.number for sphere in meeting.spheres],
            "venue": venue and {key: venue[key] for key in wanted["venue"] or venue},
            "topic": meeting.topic,
            "online": meeting.online,
            "online_url": meeting.online_url,
        }
        actual["meetings"].append({key: shaped[key] for key in wanted})
    if len(parsed.meetings) > len(expected["meetings"]):
        actual["meetings"].extend(
            ["unexpected meeting"] * (len(parsed.meetings) - len(expected["meetings"]))
        )
    return {key: actual[key] for key in expected}


CORPUS_TEXTS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=[path.stem for path in CORPUS_TEXTS])
def test_each_corpus_text_imports_exactly_as_specified(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))

    parsed = parse(path.read_bytes())

    assert as_expected(parsed, expected) == expected


def test_the_corpus_has_at_least_16_texts_each_with_its_expected_result():
    assert len(CORPUS_TEXTS) >= 16
    assert all(path.with_suffix(".json").exists() for path in CORPUS_TEXTS)


@pytest.mark.skipif(not PUBLISHED_REFERENCE.exists(), reason="shared/ is not beside the checkout")
def test_the_corpus_reference_is_the_published_announcement_byte_for_byte():
    assert REFERENCE.read_bytes() == PUBLISHED_REFERENCE.read_bytes()


# --- The reference announcement --------------------------------------------------------------


@pytest.fixture
def reference() -> ParsedAnnouncement:
    return parse(REFERENCE.read_text(encoding="utf-8"))


def test_reference_has_its_title_publication_date_and_lead(reference):
    assert reference.title == REFERENCE_TITLE
    assert reference.publication_date == date(2025, 6, 10)
    assert reference.lead == REFERENCE_LEAD


def test_reference_has_two_meetings_from_17_to_19_warsaw_time(reference):
    assert [(m.start, m.end) for m in reference.meetings] == [
        (datetime(2025, 6, 10, 17, tzinfo=WARSAW), datetime(2025, 6, 10, 19, tzinfo=WARSAW)),
        (datetime(2025, 6, 24, 17, tzinfo=WARSAW), datetime(2025, 6, 24, 19, tzinfo=WARSAW)),
    ]
    assert all(m.start.tzinfo == WARSAW for m in reference.meetings)


def test_reference_keeps_the_date_and_weekday_as_written(reference):
    first = reference.meetings[0]

    assert first.date_text == "10 czerwca 2025 roku (wtorek), w godzinach 17:00-19:00"
    assert first.weekday == "wtorek"


def test_reference_spheres_are_the_known_points_in_the_order_of_the_text(reference):
    assert [sphere_numbers(reference, n) for n in (0, 1)] == [
        numbers for _day, numbers in REFERENCE_MEETINGS
    ]
    assert [m.start.date() for m in reference.meetings] == [day for day, _ in REFERENCE_MEETINGS]


def test_reference_shared_venue_sentence_applies_to_both_meetings(reference):
    for meeting in reference.meetings:
        assert meeting.venue.street_address == "ul. Dekerta 24"
        assert meeting.venue.floor == "III piętro"
        assert meeting.venue.room == "sala konferencyjna"
        assert meeting.online is False


def test_reference_shared_topic_applies_to_both_meetings(reference):
    assert [meeting.topic for meeting in reference.meetings] == [REFERENCE_TOPIC, REFERENCE_TOPIC]


def test_reference_body_keeps_the_venue_paragraph_and_drops_the_portal_chrome(reference):
    assert reference.body_html == f"<p>{REFERENCE_VENUE_PARAGRAPH}</p><p>{INVITATION}</p>"
    assert "Magiczny" not in reference.body_html
    assert "Harmonogram" not in reference.body_html


def test_reference_names_the_department_and_the_plenipotentiary(reference):
    assert reference.organizers == [0, 1]


def test_reference_has_no_problems_at_all(reference):
    assert reference.problems == []
    assert reference.has_errors is False


# --- Dates and times -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("10 czerwca 2025 roku (wtorek), w godzinach 17:00-19:00", (2025, 6, 10, 17), (19, 0)),
        ("24.06.2025 r., godz. 17.00–19.00", (2025, 6, 24, 17), (19, 0)),
        ("w dniu 3 lipca 2025 r. od 10:00 do 12:30", (2025, 7, 3, 10), (12, 30)),
        ("wtorek, 10 czerwca 2025 r., godz. 17:00 – 19:00", (2025, 6, 10, 17), (19, 0)),
        ("10.06.2025 (wt.) 17:00-19:00", (2025, 6, 10, 17), (19, 0)),
        ("dnia 5 listopada 2025 r. w godz. 9.30-11.30", (2025, 11, 5, 9, 30), (11, 30)),
        ("12 V 2026 r., godz. 9:00—11:00", (2026, 5, 12, 9), (11, 0)),
        ("2025-06-10, od 17 do 19", (2025, 6, 10, 17), (19, 0)),
        ("10 Czerwiec 2025, od godz. 17 do godz. 19", (2025, 6, 10, 17), (19, 0)),
    ],
)
def test_date_and_time_forms_departments_use(written, start, end):
    parsed = parse(announcement(written))

    meeting = parsed.meetings[0]
    assert meeting.start == datetime(*start, tzinfo=WARSAW)
    assert (meeting.end.hour, meeting.end.minute) == end
    assert not parsed.has_errors


def test_weekday_that_does_not_match_the_date_is_an_error_naming_both():
    with translation.override("pl"):
        parsed = parse(announcement("10 czerwca 2025 r. (środa), godz. 17:00–19:00"))

    problem = next(p for p in parsed.problems if p.code == "weekday_mismatch")
    assert problem.severity == "error"
    assert problem.meeting == 0
    assert "środa" in problem.message
    assert "wtorek" in problem.message
    assert "10 czerwca 2025" in problem.message


def test_end_before_start_is_an_error_naming_the_date():
    with translation.override("pl"):
        parsed = parse(announcement("10 czerwca 2025 r., godz. 19:00–17:00"))

    problem = next(p for p in parsed.problems if p.code == "end_before_start")
    assert problem.severity == "error"
    assert "10 czerwca 2025" in problem.message
    assert "19:00" in problem.message


@pytest.mark.parametrize("written", ["31 czerwca 2025 r.", "30.02.2025"])
def test_date_that_does_not_exist_is_an_error_not_an_exception(written):
    with translation.override("pl"):
        parsed = parse(announcement(f"{written}, godz. 17:00–19:00"))

    problem = next(p for p in parsed.problems if p.code == "invalid_date")
    assert problem.severity == "error"
    assert written in problem.message
    assert parsed.meetings[0].start is None


def test_meeting_with_a_date_but_no_time_is_an_error_naming_the_date():
    with translation.override("pl"):
        parsed = parse(announcement("10 czerwca 2025 r. (wtorek)"))

    problem = next(p for p in parsed.problems if p.code == "no_time")
    assert problem.severity == "error"
    assert "10 czerwca 2025" in problem.message


def test_a_start_without_an_end_is_an_error():
    parsed = parse(announcement("10 czerwca 2025 r., godz. 17:00"))

    assert "no_end_time" in codes(parsed, "error")
    assert parsed.meetings[0].end is None


def test_a_time_range_with_its_spheres_but_no_date_is_an_error():
    parsed = parse(announcement("Spotkanie, godz. 17:00–19:00, w sferach:"))

    assert "no_date" in codes(parsed, "error")


def test_missing_year_is_taken_from_the_publication_date_with_a_warning():
    parsed = parse(announcement("10 czerwca (wtorek), godz. 17:00–19:00"), today=date(2030, 1, 1))

    assert parsed.meetings[0].start == datetime(2025, 6, 10, 17, tzinfo=WARSAW)
    assert "assumed_year" in codes(parsed, "warning")
    assert not parsed.has_errors


def test_missing_year_without_publication_date_is_taken_from_today():
    text = "Spotkanie\n\nZapraszamy.\n\n10 czerwca, godz. 17:00–19:00\n- dzieci i młodzieży"

    parsed = parse(text, today=date(2027, 5, 1))

    assert parsed.meetings[0].start.date() == date(2027, 6, 10)


def test_a_text_without_meetings_is_an_error():
    parsed = parse("Ogłoszenie\n\nZapraszamy wkrótce na spotkania.")

    assert "no_meetings" in codes(parsed, "error")
    assert parsed.has_errors


def test_warnings_alone_do_not_block_saving():
    parsed = parse(announcement("10 czerwca 2025 r., godz. 17:00–19:00"))

    assert set(codes(parsed)) == {"no_venue", "no_topic"}
    assert parsed.has_errors is False


# --- Input that is not an announcement -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("", id="empty"),
        pytest.param(b"", id="empty bytes"),
        pytest.param("  \n\t \r\n \u00a0 ", id="whitespace only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param("Tytuł\x00\x00", id="nul characters"),
        pytest.param(bytes(range(1, 32)) * 20, id="control bytes"),
        pytest.param("Spotkanie. " * 100_000, id="1 MB of text"),
        pytest.param(b"Spotkanie \x81\x83\x88\x90\x98", id="undecodable bytes"),
    ],
)
def test_bad_input_cannot_be_read(data):
    with pytest.raises(ImportTextError):
        read_text(data)
    with pytest.raises(ImportTextError):
        parse(data)


def test_too_long_text_names_the_limit():
    with pytest.raises(ImportTextError) as error:
        read_text("x" * (MAX_TEXT_LENGTH + 1))

    assert "100\u00a0000" in str(error.value)


def test_empty_text_gets_a_message_in_the_active_language():
    with translation.override("pl"), pytest.raises(ImportTextError) as error:
        read_text("   ")

    assert str(error.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Zażółć\r\ngęślą\rjaźń", id="crlf and cr"),
        pytest.param("\ufeffZażółć\ngęślą\njaźń".encode(), id="utf-8 with bom"),
        pytest.param("Zażółć\r\ngęślą\r\njaźń".encode("cp1250"), id="windows-1250"),
        pytest.param("\ufeffZażółć\ngęślą\njaźń".encode("utf-16"), id="utf-16"),
    ],
)
def test_text_is_decoded_and_its_lines_normalised(data):
    assert read_text(data) == "Zażółć\ngęślą\njaźń"


def test_non_breaking_spaces_become_spaces():
    assert read_text("10\u00a0czerwca\u202f2025\u00a0r.") == "10 czerwca 2025 r."


@pytest.mark.parametrize(
    "text",
    [
        pytest.param((REFERENCE.read_text(encoding="utf-8") + "\n\n") * 40, id="reference x40"),
        pytest.param("Tytuł\n\n" + "*a _b **c [d](" * 8000, id="markdown noise"),
        pytest.param(
            announcement(
                "10 czerwca 2025 r., godz. 17:00–19:00", *["działalności na rzecz dzieci"] * 3000
            ),
            id="3000 unpunctuated bullets",
        ),
        pytest.param("Tytuł\n\nOba spotkania odbędą się " + "ul. Dekerta " * 8000, id="streets"),
        pytest.param("Tytuł\n\n10 czerwca 2025 r. " + "godz. 17:00-" * 8000, id="times"),
    ],
)
def test_100_kb_of_text_parses_without_runaway_backtracking(text):
    """About 0.1–0.3 s of this process's CPU time on a 2-core machine; a pattern that
    backtracks without end takes minutes. CPU time, not the clock: other processes on the
    machine (the suite's other worker, a browser) do not count."""
    text = text[:MAX_TEXT_LENGTH]

    started = time.process_time()
    parse(text)

    assert time.process_time() - started < 3.0


# --- Spheres ---------------------------------------------------------------------------------


def test_a_sphere_split_over_two_bullets_is_one_sphere():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00",
            "działalności na rzecz integracji europejskiej oraz rozwijania kontaktów",
            "i współpracy między społeczeństwami;",
            "działalności na rzecz rodziny, macierzyństwa, rodzicielstwa,",
            "upowszechniania i ochrony praw dziecka;",
        )
    )

    assert sphere_numbers(parsed) == ["26", "31"]
    assert parsed.meetings[0].spheres[0].text == (
        "działalności na rzecz integracji europejskiej oraz rozwijania kontaktów "
        "i współpracy między społeczeństwami;"
    )


def test_a_bullet_wrapped_onto_an_indented_line_is_one_bullet():
    text = announcement(
        "10 czerwca 2025 r., godz. 17:00–19:00",
        "pomocy społecznej, w tym pomocy rodzinom i osobom w trudnej sytuacji\n"
        "  życiowej oraz wyrównywania szans tych rodzin i osób;",
        "wspierania rodziny i systemu pieczy zastępczej.",
    )

    assert sphere_numbers(parse(text)) == ["1", "1a"]


def test_bullets_ending_with_a_comma_are_not_merged_into_another_sphere():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00",
            "działalności wspomagającej rozwój wspólnot i społeczności lokalnych,",
            "działalności na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży;",
        )
    )

    assert sphere_numbers(parsed) == ["13", "15"]


@pytest.mark.parametrize("entry", sphere_entries(), ids=lambda entry: entry["number"])
def test_nominative_and_genitive_forms_of_a_sphere_give_its_number(entry):
    genitive = parse(announcement("10 czerwca 2025 r., godz. 17:00–19:00", entry["name_pl"] + ";"))
    nominative = parse(
        announcement("10 czerwca 2025 r., godz. 17:00–19:00", entry["name_pl_nominative"])
    )

    assert sphere_numbers(genitive) == sphere_numbers(nominative) == [entry["number"]]


@pytest.mark.parametrize(
    ("bullet", "number"),
    [
        ("działalności na rzecz dzieci i młodzieży", "15"),
        ("dzieci i młodzieży", "15"),
        ("rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ochrony praw dziecka", "31"),
        ("kultura", "16"),
        ("kultura fizyczna", "17"),
        ("ochrona zdrowia", "6"),
        ("działalność na rzecz osób z niepełnosprawnościami", "7"),
        ("działalność na rzecz seniorów", "10"),
        ("ekologia i ochrona zwierząt", "18"),
        ("wspolpracy miedzy spoleczenstwami i integracji europejskiej", "26"),
    ],
)
def test_shortened_and_everyday_wordings_find_their_point(bullet, number):
    parsed = parse(announcement("10 czerwca 2025 r., godz. 17:00–19:00", bullet))

    assert sphere_numbers(parsed) == [number]


def test_point_33_is_not_confused_by_the_article_numbers_it_quotes():
    bullet = (
        "działalności na rzecz organizacji pozarządowych oraz podmiotów wymienionych w art. 3 "
        "ust. 3, w zakresie określonym w art. 4 ust. 1 pkt 1-32 ustawy o działalności pożytku "
        "publicznego i o wolontariacie."
    )

    assert sphere_numbers(parse(announcement("10 czerwca 2025 r., godz. 17:00–19:00", bullet))) == [
        "33"
    ]


def test_unmatched_bullet_is_an_error_quoting_it():
    with translation.override("pl"):
        parsed = parse(
            announcement(
                "10 czerwca 2025 r., godz. 17:00–19:00",
                "kultury, sztuki, ochrony dóbr kultury i dziedzictwa narodowego;",
                "organizacji festiwali filmowych.",
            )
        )

    assert sphere_numbers(parsed) == ["16", None]
    problem = next(p for p in parsed.problems if p.code == "unmatched_sphere")
    assert problem.severity == "error"
    assert "organizacji festiwali filmowych" in problem.message
    assert parsed.meetings[0].spheres[1].text == "organizacji festiwali filmowych."


def test_the_same_sphere_twice_in_one_meeting_is_listed_once():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00",
            "turystyki i krajoznawstwa;",
            "działalności na rzecz dzieci i młodzieży;",
            "turystyka i krajoznawstwo.",
        )
    )

    assert sphere_numbers(parsed) == ["19", "15"]


@pytest.mark.parametrize("marker", ["- ", "• ", "•\t", "* ", "– ", "1. ", "2) ", "a) ", "▪ "])
def test_bullet_markers_of_word_processors(marker):
    text = (
        "Spotkanie\n\nZapraszamy.\n\n10 czerwca 2025 r., godz. 17:00–19:00\n"
        f"{marker}turystyka i krajoznawstwo\n{marker}kultura fizyczna"
    )

    assert sphere_numbers(parse(text)) == ["19", "17"]


def test_spheres_listed_in_the_meeting_paragraph_itself():
    text = (
        "Spotkanie\n\nZapraszamy.\n\n10 czerwca 2025 r., godz. 17:00–19:00\n"
        "Sfery: kultura fizyczna; turystyka i krajoznawstwo."
    )

    assert sphere_numbers(parse(text)) == ["17", "19"]


# --- Venues, online meetings, topics ---------------------------------------------------------


def test_reference_venue_matches_the_known_venue_at_its_address():
    parsed = parse(REFERENCE.read_bytes(), venues=[DEKERTA])

    assert [m.venue.venue_id for m in parsed.meetings] == [DEKERTA.id, DEKERTA.id]


def test_without_a_known_venue_a_new_one_is_proposed():
    venue = parse(REFERENCE.read_bytes()).meetings[0].venue

    assert venue.venue_id is None
    assert venue.text == (
        "w sali konferencyjnej Wydziału w lokalizacji ul. Dekerta 24 (III piętro)"
    )
    assert venue.name == "Sala konferencyjna Wydziału"
    assert (venue.street_address, venue.room, venue.floor) == (
        "ul. Dekerta 24",
        "sala konferencyjna",
        "III piętro",
    )


@pytest.mark.parametrize("known", ["ul. Dekerta 24", "ulica Dekerta 24", "ul.Dekerta 24"])
def test_street_spelling_does_not_prevent_a_match(known):
    venue = KnownVenue(id=5, name="Sala", street_address=known, room="", floor="")

    parsed = parse(REFERENCE.read_bytes(), venues=[venue])

    assert parsed.meetings[0].venue.venue_id == 5


def test_room_and_floor_choose_between_venues_at_one_address():
    ground_floor = KnownVenue(
        id=1, name="Sala 1", street_address="ul. Dekerta 24", room="sala 1", floor="parter"
    )
    third_floor = KnownVenue(
        id=2,
        name="Sala",
        street_address="ul. Dekerta 24",
        room="sala konferencyjna",
        floor="3 piętro",
    )

    parsed = parse(REFERENCE.read_bytes(), venues=[ground_floor, third_floor])

    assert parsed.meetings[0].venue.venue_id == 2


def test_a_venue_at_another_number_of_the_street_is_not_matched():
    elsewhere = KnownVenue(id=3, name="Sala", street_address="ul. Dekerta 26", room="", floor="")

    assert parse(REFERENCE.read_bytes(), venues=[elsewhere]).meetings[0].venue.venue_id is None


def test_a_venue_in_the_meeting_paragraph_wins_over_the_shared_one():
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "w godzinach 17:00-19:00, podmioty",
        "w godzinach 17:00-19:00, w siedzibie Centrum Obywatelskiego przy ul. Reformackiej 3, "
        "sala 1, parter, podmioty",
    )

    first, second = parse(text).meetings

    assert (first.venue.street_address, first.venue.room, first.venue.floor) == (
        "ul. Reformacka 3",
        "sala 1",
        "parter",
    )
    assert first.venue.name == "Siedziba Centrum Obywatelskiego"
    assert second.venue.street_address == "ul. Dekerta 24"


def test_an_online_meeting_needs_no_venue_and_keeps_its_link():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00, zdalnie na platformie Zoom: "
            "https://zoom.us/j/123456789."
        )
    )

    meeting = parsed.meetings[0]
    assert (meeting.online, meeting.online_url, meeting.venue) == (
        True,
        "https://zoom.us/j/123456789",
        None,
    )
    assert "no_venue" not in codes(parsed)


def test_a_meeting_with_a_venue_and_a_link_is_hybrid():
    meeting = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00, w sali 2 przy ul. Reformackiej 3 oraz "
            "online: https://teams.microsoft.com/l/meetup-join/x"
        )
    ).meetings[0]

    assert meeting.online is True
    assert meeting.venue.street_address == "ul. Reformacka 3"


def test_a_registration_link_does_not_make_a_meeting_online():
    meeting = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00, zgłoszenia: https://forms.gle/abc, "
            "w sali 3 przy ul. Dekerta 24"
        )
    ).meetings[0]

    assert (meeting.online, meeting.online_url) == (False, "")


def test_online_without_a_link_is_a_warning():
    parsed = parse(announcement("10 czerwca 2025 r., godz. 17:00–19:00, online (MS Teams)"))

    assert codes(parsed, "warning") == ["no_online_url", "no_topic"]


def test_each_meeting_can_have_its_own_topic():
    text = (
        "Spotkania\n\nZapraszamy.\n\n"
        "10 czerwca 2025 r., godz. 17:00–19:00\nTemat: Kultura w dzielnicach\n- kultura\n\n"
        "24 czerwca 2025 r., godz. 17:00–19:00\nTematem spotkania będzie sport szkolny.\n- sport"
    )

    assert [m.topic for m in parse(text).meetings] == ["Kultura w dzielnicach", "Sport szkolny"]


# --- Title, body and organisers --------------------------------------------------------------


def test_title_loses_its_markdown():
    parsed = parse("# **Spotkanie branżowe**\n\n" + announcement("10 czerwca 2025 r., godz. 17-19"))

    assert parsed.title == "Spotkanie branżowe"


def test_portal_chrome_before_the_title_is_skipped():
    text = "**Magiczny\nKraków**\n\n" + REFERENCE.read_text(encoding="utf-8")

    assert parse(text).title == REFERENCE_TITLE


def test_body_is_escaped_rich_text_with_safe_links_only():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00",
            after=(
                "Szczegóły <script>alert(1)</script> w **regulaminie** i *harmonogramie*: "
                "[strona](https://www.krakow.pl/?a=1&b=2), [skrypt](javascript:alert), "
                "[poczta](mailto:ngo@um.krakow.pl)."
            ),
        )
    )

    assert parsed.body_html == (
        "<p>Szczegóły &lt;script&gt;alert(1)&lt;/script&gt; w <b>regulaminie</b> i "
        '<i>harmonogramie</i>: <a href="https://www.krakow.pl/?a=1&amp;b=2">strona</a>, '
        'skrypt, <a href="mailto:ngo@um.krakow.pl">poczta</a>.</p>'
    )


def test_a_list_outside_the_meetings_stays_in_the_body():
    parsed = parse(
        announcement(
            "10 czerwca 2025 r., godz. 17:00–19:00",
            after="Prosimy zabrać:\n- dowód osobisty\n- statut organizacji",
        )
    )

    assert parsed.body_html == (
        "<p>Prosimy zabrać:</p><ul><li>dowód osobisty</li><li>statut organizacji</li></ul>"
    )


def test_organisers_are_found_in_any_grammatical_form():
    text = announcement("10 czerwca 2025 r., godz. 17:00–19:00").replace(
        "Wydział Edukacji zaprasza",
        "Miejski Ośrodek Pomocy Społecznej w Krakowie wraz z Wydziałem Sportu i "
        "Pełnomocnikiem Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych zapraszają",
    )

    assert [ORGANIZER_NAMES[n] for n in parse(text).organizers] == [
        "Miejski Ośrodek Pomocy Społecznej w Krakowie",
        "Wydział Sportu",
        "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych",
    ]


# --- The management command ------------------------------------------------------------------


def run_command(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_announcement", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def database_counts() -> tuple[int, int, int]:
    return Page.objects.count(), Venue.objects.count(), Organizer.objects.count()


@pytest.fixture
def broken_file(tmp_path) -> Path:
    path = tmp_path / "bledne.txt"
    path.write_text(announcement("31 czerwca 2025 r., godz. 17:00–19:00"), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_command_prints_the_recognised_meetings_of_the_reference():
    out, _err = run_command(REFERENCE)

    assert REFERENCE_TITLE in out
    assert "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in out
    assert "24 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in out
    assert "5a. działalność na rzecz integracji cudzoziemców" in out
    assert "33. działalność na rzecz organizacji pozarządowych" in out
    assert "ul. Dekerta 24" in out
    assert REFERENCE_TOPIC in out


@pytest.mark.django_db
def test_command_shows_the_id_of_a_known_venue():
    venue = VenueFactory(name="Sala WS", street_address="ul. Dekerta 24", room="sala konferencyjna")

    out, _err = run_command(REFERENCE)

    assert f"Sala WS, ul. Dekerta 24 (id {venue.pk})" in out


@pytest.mark.django_db
def test_command_fails_for_a_file_with_errors(broken_file):
    with pytest.raises(CommandError):
        run_command(broken_file)


@pytest.mark.django_db
def test_command_names_a_file_it_cannot_read(tmp_path):
    missing = tmp_path / "nie-ma.txt"
    binary = tmp_path / "obraz.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_announcement", str(missing), str(binary), stdout=out, stderr=StringIO()
        )

    assert str(missing) in out.getvalue()
    assert str(binary) in out.getvalue()


@pytest.mark.django_db
def test_command_json_output_parses_back():
    out, _err = run_command(REFERENCE, "--json")

    [result] = json.loads(out)
    assert result["file"] == str(REFERENCE)
    assert result["has_errors"] is False
    assert result["publication_date"] == "2025-06-10"
    assert [m["start"] for m in result["meetings"]] == [
        "2025-06-10T17:00:00+02:00",
        "2025-06-24T17:00:00+02:00",
    ]
    assert [s["number"] for s in result["meetings"][1]["spheres"]] == REFERENCE_MEETINGS[1][1]


@pytest.mark.django_db
def test_command_shows_progress_and_a_summary_for_several_files(broken_file):
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_announcement", str(REFERENCE), str(broken_file), stdout=out, stderr=err
        )

    summary = out.getvalue().splitlines()[-1]
    assert "\r[" in err.getvalue()
    assert "2/2" in err.getvalue()
    assert "1" in summary
    assert "2" in summary


@pytest.mark.django_db
def test_command_writes_nothing_to_the_database(broken_file):
    before = database_counts()

    run_command(REFERENCE, "--json")
    with pytest.raises(CommandError):
        run_command(*CORPUS_TEXTS, broken_file)

    assert database_counts() == before


# --- Texts in other styles -------------------------------------------------------------------


def _import_eval():
    """scripts/import_eval.py, which `make import-eval` runs, as a module."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "import_eval.py"
    spec = importlib.util.spec_from_file_location("import_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_development_text_imports_exactly_and_no_sphere_is_wrong():
    """The development part (the texts above and ``dev/``), measured as make import-eval
    measures it. The held-out part is only run by make import-eval, never asserted here."""
    evaluation = _import_eval()
    paths = CORPUS_TEXTS + sorted((CORPUS / "dev").glob("*.txt"))

    part = evaluation.evaluate(paths, "dev", lambda text: parse(text, organizers=[]))

    assert len(paths) >= 60
    assert part.differences == {}
    assert part.scores["spheres"].right == part.scores["spheres"].found


@pytest.mark.parametrize(
    ("text", "numbers", "source"),
    [
        ("organizacje działające w obszarze pomocy społecznej", ["1"], "words"),
        ("organizacje zajmujące się ekologią i ochroną zwierząt", ["18"], "words"),
        (
            "zadania, o których mowa w art. 4 ust. 1 pkt 5, 5a i 9 ustawy",
            ["5", "5a", "9"],
            "points",
        ),
        ("10.03.2026\t16:00–18:00\tul. Dekerta 24\tpomoc społeczna", ["1"], "table"),
        ("Adresaci: organizacje działające na rzecz osób w wieku emerytalnym.", ["10"], "words"),
        # The act's title and the words that introduce its points name no sphere.
        (
            "w sferach określonych w art. 4 ust. 1 pkt 31 ustawy o działalności pożytku "
            "publicznego i o wolontariacie",
            ["31"],
            "points",
        ),
        ("organizacje działające w zakresie lokali, szkoleń i wsparcia", [], None),
        ("Wydział Polityki Społecznej, Równości i Zdrowia zaprasza organizacje", [], None),
    ],
)
def test_spheres_are_found_in_running_text_tables_and_points_and_say_how(text, numbers, source):
    index = SphereIndex(known_spheres())

    found = spheres_in_text(text, index)

    assert [match.number for match in found] == numbers
    assert {match.source for match in found} <= {source}


def test_a_sphere_in_running_text_is_marked_for_checking_unless_it_matches_closely():
    index = SphereIndex(known_spheres())

    (close,) = spheres_in_text("organizacje działające na rzecz osób w wieku emerytalnym", index)
    (loose,) = spheres_in_text("organizacje działające w obszarze prawa konsumentów", index)

    assert (close.number, close.needs_check) == ("10", False)
    assert (loose.number, loose.needs_check) == ("25", True)


PROGRAMMES = [
    KnownConsultation(id=1, title="Program Współpracy Gminy Miejskiej Kraków na rok 2026"),
    KnownConsultation(id=2, title="Program Współpracy Gminy Miejskiej Kraków na rok 2027"),
    KnownConsultation(id=3, title="Wieloletni program współpracy na lata 2026–2030"),
    KnownConsultation(id=4, title="Budżet obywatelski 2026"),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The reference's words, inflected and in another order than the title's.
        (
            "w ramach prac nad projektem Programu Współpracy Gminy Miejskiej Kraków na rok 2026 "
            "z organizacjami pozarządowymi",
            1,
        ),
        ("do konsultacji programu współpracy gminy miejskiej krakow na 2027 rok", 2),
        ("Wieloletniego Programu Współpracy na lata 2026–2030 dotyczą spotkania", 3),
        # A year no consultation has, or words of none: the editor chooses in the draft.
        ("w ramach prac nad Programem Współpracy Gminy Miejskiej Kraków na rok 2028", None),
        ("Zapraszamy na spotkanie o sporcie w 2026 roku.", None),
    ],
)
def test_the_consultation_is_the_one_the_text_names(sentence, expected):
    text = announcement(
        "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00 – sala 1",
        "działalność charytatywna",
        after=sentence,
    )

    assert parse(text, consultations=PROGRAMMES).consultation == expected


def test_two_consultations_named_equally_well_leave_the_choice_to_the_editor():
    twins = [KnownConsultation(id=7, title="Konsultacje 2026"), *PROGRAMMES[:1]]
    twins.append(KnownConsultation(id=8, title="Program Współpracy Gminy Miejskiej Kraków 2026"))
    text = announcement(
        "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00 – sala 1",
        "działalność charytatywna",
        after="w ramach Programu Współpracy Gminy Miejskiej Kraków na rok 2026",
    )

    assert parse(text, consultations=twins).consultation is None
