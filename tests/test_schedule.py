"""The schedule page: generated, filtered by plain GET parameters, paginated, never a 500."""

import re

import pytest
from django.http import QueryDict
from django.utils import translation

from meetings import views
from meetings.forms import MeetingFilterForm
from tests.factories import VenueFactory, announcement, meeting, polish, warsaw


@pytest.fixture
def meetings(index):
    """Four upcoming meetings that differ in sphere, date, venue, mode and status."""
    hall = VenueFactory(name="Sala Obrad")
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",), topic="Dzieci czerwiec"),
            meeting(
                start=warsaw(2058, 7, 1), sphere_numbers=("16",), topic="Kultura lipiec", venue=hall
            ),
            meeting(
                start=warsaw(2058, 7, 15),
                sphere_numbers=("15", "16"),
                topic="Online lipiec",
                attendance_mode="online",
                online_url="https://example.org/m",
                venue=None,
            ),
            meeting(
                start=warsaw(2058, 8, 5),
                sphere_numbers=("18",),
                topic="Odwołane sierpień",
                status="cancelled",
                status_note="Odwołane.",
            ),
        ],
    )
    return hall


def topics(client, schedule, query=""):
    response = client.get(f"{schedule.url}{query}")
    assert response.status_code == 200
    upcoming = response.content.decode().split('id="archive-heading"')[0]
    return [
        topic
        for topic in ("Dzieci czerwiec", "Kultura lipiec", "Online lipiec", "Odwołane sierpień")
        if topic in upcoming
    ], response


@pytest.mark.django_db
def test_without_filters_every_upcoming_meeting_is_listed_by_month(client, schedule, meetings):
    found, response = topics(client, schedule)

    assert found == ["Dzieci czerwiec", "Kultura lipiec", "Online lipiec", "Odwołane sierpień"]
    html = response.content.decode()
    assert html.index("Czerwiec 2058") < html.index("Lipiec 2058") < html.index("Sierpień 2058")
    assert "4 nadchodzące spotkania" in html


@pytest.mark.django_db
def test_filter_by_one_sphere(client, schedule, meetings):
    found, response = topics(client, schedule, "?sphere=kultura-sztuka-dziedzictwo")

    assert found == ["Kultura lipiec", "Online lipiec"]
    assert "sfery: kultura, sztuka" in response.content.decode()


@pytest.mark.django_db
def test_filter_by_several_spheres_is_an_or(client, schedule, meetings):
    found, _ = topics(
        client, schedule, "?sphere=dzieci-i-mlodziez&sphere=ekologia-ochrona-zwierzat"
    )

    assert found == ["Dzieci czerwiec", "Online lipiec", "Odwołane sierpień"]


@pytest.mark.django_db
def test_filter_by_month(client, schedule, meetings):
    found, response = topics(client, schedule, "?month=2058-07")

    assert found == ["Kultura lipiec", "Online lipiec"]
    assert "lipiec 2058" in response.content.decode()


@pytest.mark.django_db
def test_filter_by_date_range_includes_the_last_day(client, schedule, meetings):
    found, _ = topics(client, schedule, "?from=2058-06-10&to=2058-07-01")

    assert found == ["Dzieci czerwiec", "Kultura lipiec"]


@pytest.mark.django_db
def test_filter_by_venue(client, schedule, meetings):
    found, _ = topics(client, schedule, f"?venue={meetings.pk}")

    assert found == ["Kultura lipiec"]


@pytest.mark.django_db
def test_filter_by_attendance_mode_and_status(client, schedule, meetings):
    assert topics(client, schedule, "?mode=online")[0] == ["Online lipiec"]
    assert topics(client, schedule, "?status=cancelled")[0] == ["Odwołane sierpień"]


@pytest.mark.django_db
def test_filters_combine(client, schedule, meetings):
    found, response = topics(
        client, schedule, "?sphere=kultura-sztuka-dziedzictwo&mode=online&month=2058-07"
    )

    assert found == ["Online lipiec"]
    assert "1 nadchodzące spotkanie" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?from=wczoraj",
        "?month=2058-13",
        "?sphere=nie-ma-takiej",
        "?mode=teleportacja",
        "?venue=abc",
        "?from=2058-07-01&to=2058-06-01",
        "?page=abc",
        "?page=999",
        "?sphere=" + "x" * 5000,
        "?status=cancelled&status=planned&status=" + "%00",
        "?q=%F0%9F%92%A9&from=%E2%80%AE",
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(client, schedule, meetings, query):
    response = client.get(f"{schedule.url}{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html or "nadchodzą" in html


@pytest.mark.django_db
def test_an_unknown_value_is_named_in_the_message(client, schedule, meetings):
    html = client.get(f"{schedule.url}?mode=teleportacja").content.decode()

    assert 'role="alert"' in html
    assert "teleportacja" in html


@pytest.mark.django_db
def test_past_meetings_are_paginated(client, index, schedule, monkeypatch):
    monkeypatch.setattr(views, "PAST_PER_PAGE", 2)
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2020, 1, day), topic=f"Archiwum {day:02d}") for day in range(1, 6)
        ],
    )

    first = client.get(schedule.url).content.decode()
    third = client.get(f"{schedule.url}?page=3").content.decode()

    assert "Archiwum 05" in first and "Archiwum 04" in first and "Archiwum 03" not in first
    assert "Strona 1 z 3" in first
    assert "Archiwum 01" in third and "Archiwum 05" not in third
    assert 'rel="prev"' in third


@pytest.mark.django_db
def test_upcoming_meetings_are_paginated_however_long_the_schedule(
    client, schedule, meetings, monkeypatch
):
    monkeypatch.setattr(views, "UPCOMING_PER_PAGE", 3)

    first_topics, first = topics(client, schedule)
    second_topics, second = topics(client, schedule, "?upcoming=2")
    filtered = client.get(f"{schedule.url}?mode=in_person&upcoming=1").content.decode()
    missing = client.get(f"{schedule.url}?upcoming=9").content.decode()

    assert first_topics == ["Dzieci czerwiec", "Kultura lipiec", "Online lipiec"]
    assert second_topics == ["Odwołane sierpień"]
    html = first.content.decode()
    assert "4 nadchodzące spotkania" in html  # the count is of all of them
    assert 'aria-label="Strony nadchodzących spotkań"' in html
    assert 'href="?upcoming=2#upcoming" rel="next">Późniejsze<' in html
    assert 'href="?upcoming=1#upcoming" rel="prev">Wcześniejsze<' in second.content.decode()
    assert "Strony nadchodzących spotkań" not in filtered  # three in person: one page
    assert "Nie ma takiej strony nadchodzących spotkań; stron jest 2." in missing


@pytest.mark.django_db
def test_each_list_keeps_its_order_and_a_missing_page_of_one_leaves_the_other_whole(
    client, index, schedule, monkeypatch
):
    monkeypatch.setattr(views, "PAST_PER_PAGE", 3)
    monkeypatch.setattr(views, "UPCOMING_PER_PAGE", 3)
    # Meetings at the same time come in the order they were made, later ones first in the
    # archive.
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 3, 1), topic="Przyszłe B"),
            meeting(start=warsaw(2058, 1, 1), topic="Przyszłe A1"),
            meeting(start=warsaw(2058, 1, 1), topic="Przyszłe A2"),
            meeting(start=warsaw(2059, 1, 1), topic="Przyszłe C"),
            meeting(start=warsaw(2020, 1, 1), topic="Dawne Y1"),
            meeting(start=warsaw(2020, 1, 1), topic="Dawne Y2"),
            meeting(start=warsaw(2021, 1, 1), topic="Dawne Z"),
            meeting(start=warsaw(2019, 1, 1), topic="Dawne X"),
        ],
    )

    def listed(query: str) -> tuple[list[str], list[str]]:
        html = client.get(f"{schedule.url}{query}").content.decode()
        upcoming, _, archive = html.partition('id="archive-heading"')
        return (
            list(dict.fromkeys(re.findall(r"Przyszłe \w+", upcoming))),
            list(dict.fromkeys(re.findall(r"Dawne \w+", archive))),
        )

    assert listed("") == (
        ["Przyszłe A1", "Przyszłe A2", "Przyszłe B"],
        ["Dawne Z", "Dawne Y2", "Dawne Y1"],
    )
    assert listed("?upcoming=2&page=2") == (["Przyszłe C"], ["Dawne X"])
    assert listed("?upcoming=9") == ([], ["Dawne Z", "Dawne Y2", "Dawne Y1"])
    assert listed("?page=9") == (["Przyszłe A1", "Przyszłe A2", "Przyszłe B"], [])


@pytest.mark.django_db
def test_the_archive_keeps_the_filters_and_leaves_the_upcoming_page(
    client, index, schedule, monkeypatch
):
    monkeypatch.setattr(views, "PAST_PER_PAGE", 1)
    announcement(
        index,
        meetings=[meeting(start=warsaw(2020, 1, day), sphere_numbers=("15",)) for day in (1, 2)],
    )

    html = client.get(f"{schedule.url}?sphere=dzieci-i-mlodziez&upcoming=1").content.decode()

    assert 'href="?sphere=dzieci-i-mlodziez&amp;page=2#archive" rel="next"' in html


@pytest.mark.django_db
def test_a_sphere_page_lists_only_its_newest_announcements(
    client, index, schedule, meetings, monkeypatch
):
    monkeypatch.setattr(views, "SPHERE_ANNOUNCEMENTS", 1)
    announcement(index, title="Nowsze ogłoszenie", meetings=[meeting(start=warsaw(2058, 9, 1))])

    html = client.get(f"{schedule.url}sfera/dzieci-i-mlodziez/").content.decode()
    listed = html.split('id="announcements-heading"')[1].split('id="archive-heading"')[0]

    assert "Nowsze ogłoszenie" in listed
    assert "Spotkania branżowe" not in listed
    assert "1 najnowszych z 2 ogłoszeń" in listed


@pytest.mark.django_db
def test_the_sphere_page_lists_its_meetings_and_announcements(client, index, schedule, meetings):
    response = client.get(f"{schedule.url}sfera/ekologia-ochrona-zwierzat/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ekologia i ochrona zwierząt" in html
    assert "Odwołane sierpień" in html
    assert "Dzieci czerwiec" not in html
    assert "Spotkania branżowe" in html
    assert "feed.ics?sphere=ekologia-ochrona-zwierzat" in html


@pytest.mark.django_db
def test_an_unknown_sphere_is_a_404(client, schedule):
    assert client.get(f"{schedule.url}sfera/nie-ma-takiej/").status_code == 404


@pytest.mark.django_db
def test_the_english_segment_is_not_used_on_the_polish_schedule(client, schedule):
    assert client.get(f"{schedule.url}sphere/dzieci-i-mlodziez/").status_code == 404


@pytest.mark.django_db
def test_the_announcement_page_says_when_it_is_archival(client, index, schedule):
    past = announcement(index, title="Dawne", meetings=[meeting(start=warsaw(2020, 1, 1))])
    current = announcement(index, title="Bieżące", meetings=[meeting(start=warsaw(2058, 1, 1))])

    assert "Komunikat archiwalny" in client.get(past.url).content.decode()
    assert "Komunikat archiwalny" not in client.get(current.url).content.decode()


@pytest.mark.django_db
def test_a_filter_with_empty_fields_redirects_to_its_address_without_them(client, schedule):
    response = client.get(
        f"{schedule.url}?sphere=dzieci-i-mlodziez&month=&from=&to=&venue=&mode=&status="
    )

    assert response.status_code == 302
    assert response["Location"] == f"{schedule.url}?sphere=dzieci-i-mlodziez"


@pytest.mark.django_db
def test_each_filter_in_use_is_a_chip_that_removes_it(client, index, schedule):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",))])

    html = client.get(
        f"{schedule.url}?sphere=dzieci-i-mlodziez&sphere=kultura-sztuka-dziedzictwo&mode=online"
    ).content.decode()

    chips = re.findall(r'<a class="chip" href="([^"]+)">', html)
    assert chips == [
        f"{schedule.url}?sphere=kultura-sztuka-dziedzictwo&amp;mode=online",
        f"{schedule.url}?sphere=dzieci-i-mlodziez&amp;mode=online",
        f"{schedule.url}?sphere=dzieci-i-mlodziez&amp;sphere=kultura-sztuka-dziedzictwo",
    ]
    assert "Usuń filtr:" in html


@pytest.mark.django_db
def test_spheres_with_upcoming_meetings_come_first_with_their_counts(client, index, schedule):
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15", "16")),
            meeting(start=warsaw(2058, 6, 11), sphere_numbers=("16",)),
            meeting(start=warsaw(2020, 6, 11), sphere_numbers=("1",)),
        ],
    )

    html = client.get(schedule.url).content.decode()
    first, others = html.split('class="filters__others"')

    assert re.findall(r'value="([-a-z]+)"', first.split('id="sphere-options"')[1]) == [
        "kultura-sztuka-dziedzictwo",
        "dzieci-i-mlodziez",
    ]
    assert "(2 spotkania)" in first
    assert "(1 spotkanie)" in first
    assert 'value="pomoc-spoleczna"' in others
    assert "39 sfer bez nadchodzących spotkań" in others


@pytest.mark.django_db
def test_bad_filter_input_is_named_marked_and_never_echoed_into_a_date_input(client, schedule):
    html = client.get(f"{schedule.url}?from=wczoraj&to=2058-06-01&month=2025-13").content.decode()

    date_from = re.search(r'<input type="date" name="from"[^>]*>', html).group(0)
    assert 'value=""' in date_from
    assert 'aria-invalid="true"' in date_from
    assert 'value="2058-06-01"' in html
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for ident in described.split():
            assert f'id="{ident}"' in html, ident
    assert "<li>Od: Wpisz poprawną datę.</li>" in html
    assert re.search(r"<li>Miesiąc: Podaj miesiąc w postaci RRRR-MM, np\. \d{4}-\d{2}\.</li>", html)


@pytest.mark.django_db
def test_calendar_links_leave_out_the_host_on_the_sites_own_pages_when_there_are_several(
    client, index, schedule
):
    from wagtail.models import Page, Site

    from home.models import StandardPage

    other_home = Page.get_first_root_node().add_child(
        instance=StandardPage(title="Inny serwis", slug="inny-serwis")
    )
    Site.objects.create(hostname="inny.example", port=80, root_page=other_home)
    page = announcement(index)
    path = page.relative_url(Site.objects.get(is_default_site=True))
    ics = f"{path}{page.meetings.get().translation_key}.ics"

    for url in (schedule.url, page.url):
        html = client.get(url).content.decode()
        assert f'href="{ics}" download' in html, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "example"),
    [
        (warsaw(2031, 3, 14, 12), "2031-03"),
        # Half past midnight on New Year's Day in Warsaw is still 31 December in UTC.
        (warsaw(2031, 1, 1, 0, 30), "2031-01"),
    ],
)
def test_the_month_field_gives_this_month_in_warsaw_as_its_example(now, example):
    form = MeetingFilterForm(QueryDict("month=2031-13"), locale=polish(), now=now)

    assert f'placeholder="{example}"' in str(form["month"])
    with translation.override("pl"):
        assert form.errors["month"] == [f"Podaj miesiąc w postaci RRRR-MM, np. {example}."]
    with translation.override("en"):
        assert form.errors["month"] == [f"Give the month as YYYY-MM, e.g. {example}."]
