"""Hostile requests from anyone on the internet get a 4xx or an answer, never a 500.

First the cases found, each with the answer it gets; then the table: every public GET parameter
of the pages, the feeds, the search and both APIs, with extreme dates, NUL bytes, very long
values and bytes that are not UTF-8, asked of the demo site in both languages (built once for
the module and rolled back after it).
"""

import pytest

# --- The schedule, its feed and the search ------------------------------------------------------

BEYOND_THE_CALENDAR = [
    "?to=9999-12-31",
    "?from=0001-01-01",
    "?month=9999-12",
    "?month=0000-01",
    "?month=0001-01",
    "?to=1899-12-31",
    "?from=3000-01-01",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("schedule_url", "message"),
    [
        ("/harmonogram/", "Podaj datę z lat 1900–2999."),
        ("/en/schedule/", "Give a date from the years 1900–2999."),
    ],
)
@pytest.mark.parametrize("query", BEYOND_THE_CALENDAR)
def test_the_schedule_explains_a_date_beyond_its_years_and_shows_everything(
    client, demo, schedule_url, message, query
):
    everything = client.get(schedule_url)

    response = client.get(schedule_url + query)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    assert response.context["upcoming_count"] == everything.context["upcoming_count"]
    assert response.context["past_count"] == everything.context["past_count"]


@pytest.mark.django_db
@pytest.mark.parametrize("schedule_url", ["/harmonogram/", "/en/schedule/"])
def test_the_schedule_takes_the_first_and_last_day_of_its_years(client, demo, schedule_url):
    response = client.get(schedule_url + "?from=1900-01-01&to=2999-12-31")

    assert response.status_code == 200
    assert 'role="alert"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("feed_url", ["/harmonogram/feed.ics", "/en/schedule/feed.ics"])
@pytest.mark.parametrize("query", BEYOND_THE_CALENDAR)
def test_the_calendar_feed_refuses_a_date_beyond_its_years_naming_the_parameter(
    client, demo, feed_url, query
):
    response = client.get(feed_url + query)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parameter = query[1:].split("=")[0]
    assert response.content.decode().startswith(f"{parameter}: ")


@pytest.mark.django_db
@pytest.mark.parametrize("search_url", ["/szukaj/", "/en/search/"])
@pytest.mark.parametrize("query", ["%00", "a%00b", "%00%01"])
def test_the_search_refuses_a_nul_character_with_a_message(client, demo, search_url, query):
    response = client.get(f"{search_url}?q={query}")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


# --- The API ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", ["from", "to"])
@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "0001-01-01",
        "0000-01-01",
        "10000-01-01",
        "1899-12-31",
        "3000-01-01",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+14:00",
        "wczoraj",
        "2025-02-30",
        "2025-06-10T25:00",
    ],
)
def test_the_api_refuses_an_unusable_date_with_one_error_naming_it(client, demo, parameter, value):
    response = client.get("/api/v1/meetings/", {parameter: value})

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", parameter]
    assert "1900" in error["msg"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"from": "1900-01-01", "to": "2999-12-31"},
        {"from": "1900-01-01T00:00:00", "to": "2999-12-31T23:59:59"},
        {"from": "1900-01-01T00:00:00-14:00", "to": "2999-12-31T23:59:59+14:00"},
    ],
)
def test_the_api_takes_the_first_and_last_moments_of_its_years(client, demo, query):
    everything = client.get("/api/v1/meetings/").json()

    response = client.get("/api/v1/meetings/", query)

    assert response.status_code == 200
    assert response.json()["count"] == everything["count"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?locale=%00",
        "/api/v2/pages/?site=%00",
        "/api/v2/pages/?slug=a%00b",
        "/api/v2/pages/find/?html_path=%00",
        "/api/v2/pages/find/?html_path=/ogloszenia/%00/",
        "/api/v2/pages/?search=a&search_operator=x",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/find/?id=-1",
        "/api/v2/pages/find/?id=%00",
        "/api/v2/pages/?offset=99999999999999999999",
    ],
)
def test_wagtails_api_refuses_a_bad_parameter_with_its_own_400(client, demo, url):
    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("operator", ["and", "or"])
def test_wagtails_api_searches_public_pages_with_either_operator(client, demo, operator):
    response = client.get("/api/v2/pages/", {"search": "spotkania", "search_operator": operator})

    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] > 0


# --- The table ----------------------------------------------------------------------------------

EXTREME_DATES = ["0001-01-01", "9999-12-31", "0000-01-01", "10000-01-01"]
EXTREME_DATETIMES = [
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0000-01-01T00:00:00",
]
EXTREME_MONTHS = ["9999-12", "0000-01", "0001-01", "10000-01"]
HOSTILE = [
    "%00",
    "a%00b",
    "%ff",
    "%c3%28",
    "x" * 5000,
    "%e2%80%ae",
    "-1",
    "1e400",
    "99999999999999999999",
]

SCHEDULES = ["/harmonogram/", "/en/schedule/"]
SPHERE_PAGES = ["/harmonogram/sfera/dzieci-i-mlodziez/", "/en/schedule/sphere/dzieci-i-mlodziez/"]
CALENDAR_FEEDS = ["/harmonogram/feed.ics", "/en/schedule/feed.ics"]
FILTERED = SCHEDULES + SPHERE_PAGES + CALENDAR_FEEDS
SCHEDULE_PARAMETERS = ["sphere", "venue", "mode", "status", "page", "upcoming"]
SEARCHES = ["/szukaj/", "/en/search/"]
OTHER_PAGES = [
    "/",
    "/en/",
    "/ogloszenia/",
    "/en/announcements/",
    "/ogloszenia/rss.xml",
    "/en/announcements/rss.xml",
    "/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/",
    "/sitemap.xml",
    "/robots.txt",
    "/widget/",
]
API = "/api/v1/"
API_DATE_PARAMETERS = {"meetings/": ["from", "to"]}
API_PARAMETERS = {
    "meetings/": [
        "locale",
        "sphere",
        "status",
        "attendance_mode",
        "venue",
        "announcement",
        "q",
        "upcoming",
        "ordering",
        "limit",
        "offset",
    ],
    "meetings/1/": ["locale"],
    "announcements/": ["locale", "q", "limit", "offset"],
    "announcements/1/": ["locale"],
    "spheres/": ["locale"],
    "spheres/dzieci-i-mlodziez/": ["locale"],
    "venues/": ["locale"],
    "venues/1/": ["locale"],
    "organizers/": ["locale"],
    "organizers/1/": ["locale"],
    "schedule/": ["locale"],
    "preview/": ["token"],
}
API_V2 = "/api/v2/pages/"
API_V2_PARAMETERS = {
    "": [
        "locale",
        "search",
        "search_operator",
        "type",
        "fields",
        "order",
        "limit",
        "offset",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "slug",
        "title",
        "site",
        "show_in_menus",
        "has_children",
    ],
    "find/": ["html_path", "locale", "id"],
    "3/": ["fields", "type"],
}


PATHS_WITH_A_VALUE = [
    "/api/v1/meetings/{}/",
    "/api/v1/announcements/{}/",
    "/api/v1/venues/{}/",
    "/api/v1/organizers/{}/",
    "/api/v1/spheres/{}/",
    "/api/v2/pages/{}/",
    "/harmonogram/sfera/{}/",
    "/en/schedule/sphere/{}/",
    "/ogloszenia/{}/",
    "/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/{}.ics",
]
PATH_VALUES = ["%00", "%ff", "x" * 300, "99999999999999999999", "-1", "0"]


def _urls():
    for path in FILTERED:
        for value in EXTREME_DATES + EXTREME_DATETIMES + HOSTILE:
            yield f"{path}?from={value}"
            yield f"{path}?to={value}"
        for value in EXTREME_MONTHS + HOSTILE:
            yield f"{path}?month={value}"
        for name in SCHEDULE_PARAMETERS:
            for value in HOSTILE:
                yield f"{path}?{name}={value}"
    for path in SEARCHES:
        for name in ["q", "page"]:
            for value in HOSTILE:
                yield f"{path}?{name}={value}"
    for path in OTHER_PAGES:
        for name in ["page", "q", "from"]:
            for value in ["%00", "%ff", EXTREME_DATES[1]]:
                yield f"{path}?{name}={value}"
    for endpoint, names in API_DATE_PARAMETERS.items():
        for name in names:
            for value in EXTREME_DATES + EXTREME_DATETIMES + HOSTILE:
                yield f"{API}{endpoint}?{name}={value}"
    for endpoint, names in API_PARAMETERS.items():
        for name in names:
            for value in HOSTILE:
                yield f"{API}{endpoint}?{name}={value}"
    for endpoint, names in API_V2_PARAMETERS.items():
        for name in names:
            for value in HOSTILE + EXTREME_DATES[:2]:
                yield f"{API_V2}{endpoint}?{name}={value}"
    yield f"{API_V2}?search=a&search_operator=x"
    yield f"{API_V2}?search=%00"
    yield f"{API_V2}find/?html_path=/%00/"
    for path in PATHS_WITH_A_VALUE:
        for value in PATH_VALUES:
            yield path.format(value)
    for path in [*SCHEDULES, *CALENDAR_FEEDS, *SEARCHES, f"{API}meetings/", API_V2]:
        for name in ["%00", "%ff", "x" * 300]:
            yield f"{path}?{name}=1"


URLS = list(dict.fromkeys(_urls()))


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=[url[:120] for url in URLS])
def test_a_hostile_request_is_answered_without_a_server_error(client, demo, url):
    response = client.get(url)

    assert response.status_code < 500
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")
