"""What search engines, feed readers and sharing read: JSON-LD, sitemap, RSS, robots, search."""

import json
import re
from datetime import datetime

import extruct
import pytest
from defusedxml import ElementTree
from django.conf import settings

from meetings import selectors
from meetings.models import MeetingAnnouncementPage
from tests.factories import announcement, meeting, warsaw

LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(html: str) -> list:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


@pytest.mark.django_db
def test_each_meeting_is_a_schema_org_event(client, index, schedule):
    page = announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10, 17)),
            meeting(
                start=warsaw(2058, 6, 24, 17),
                attendance_mode="online",
                online_url="https://example.org/spotkanie",
                venue=None,
                status="cancelled",
                status_note="Odwołane.",
            ),
        ],
    )

    events = json_ld(client.get(page.url).content.decode())

    assert [e["@type"] for e in events] == ["Event", "Event"]
    first, second = events
    assert first["startDate"] == "2058-06-10T17:00:00+02:00"
    assert first["endDate"] == "2058-06-10T19:00:00+02:00"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["address"]["streetAddress"] == "ul. Dekerta 24"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["inLanguage"] == "pl"
    assert first["organizer"][0]["name"].startswith("Wydział")
    assert first["url"].startswith("http://") and "#meeting-" in first["url"]
    assert second["location"] == {
        "@type": "VirtualLocation",
        "url": "https://example.org/spotkanie",
    }
    assert second["eventStatus"] == "https://schema.org/EventCancelled"


# Google's requirements for an event (developers.google.com/search/docs/appearance/
# structured-data/event): the properties it requires, and the values it takes.
GOOGLE_STATUSES = {
    f"https://schema.org/{status}"
    for status in [
        "EventScheduled",
        "EventCancelled",
        "EventPostponed",
        "EventRescheduled",
        "EventMovedOnline",
    ]
}
GOOGLE_MODES = {
    f"https://schema.org/{mode}EventAttendanceMode" for mode in ["Offline", "Online", "Mixed"]
}


def google_event_problems(event: dict) -> list[str]:
    """What keeps ``event`` from being an event in Google's results; [] when nothing does."""
    problems = []
    if event.get("@type") != "Event" or event.get("@context") not in {
        "https://schema.org",
        "http://schema.org",
    }:
        problems.append("not a schema.org Event")
    if not str(event.get("name", "")).strip():
        problems.append("no name")
    try:
        start = datetime.fromisoformat(event["startDate"])
        if start.utcoffset() is None:
            problems.append("startDate without a UTC offset")
        if "endDate" in event and datetime.fromisoformat(event["endDate"]) < start:
            problems.append("endDate before startDate")
    except (KeyError, ValueError):
        problems.append("no ISO 8601 startDate")
    if event.get("eventStatus", "https://schema.org/EventScheduled") not in GOOGLE_STATUSES:
        problems.append(f"eventStatus {event.get('eventStatus')}")
    if event.get("eventStatus") == "https://schema.org/EventRescheduled" and not event.get(
        "previousStartDate"
    ):
        problems.append("rescheduled without previousStartDate")
    mode = event.get("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode")
    if mode not in GOOGLE_MODES:
        problems.append(f"eventAttendanceMode {mode}")
    locations = event.get("location")
    locations = locations if isinstance(locations, list) else [locations] if locations else []
    if not locations:
        problems.append("no location")
    kinds = set()
    for location in locations:
        kinds.add(location.get("@type"))
        if location.get("@type") == "Place":
            address = location.get("address") or {}
            if address.get("@type") != "PostalAddress" or not all(
                str(address.get(part, "")).strip()
                for part in ["streetAddress", "addressLocality", "addressCountry"]
            ):
                problems.append(f"a Place without a postal address: {location}")
        elif location.get("@type") == "VirtualLocation":
            if not str(location.get("url", "")).startswith(("https://", "http://")):
                problems.append(f"a VirtualLocation without a URL: {location}")
        else:
            problems.append(f"a location of type {location.get('@type')}")
    expected_kinds = {
        "https://schema.org/OfflineEventAttendanceMode": {"Place"},
        "https://schema.org/OnlineEventAttendanceMode": {"VirtualLocation"},
        "https://schema.org/MixedEventAttendanceMode": {"Place", "VirtualLocation"},
    }.get(mode)
    if locations and event.get("eventStatus") != "https://schema.org/EventMovedOnline":
        if expected_kinds and kinds != expected_kinds:
            problems.append(f"{mode} at {sorted(kinds)}")
    for organizer in event.get("organizer", []):
        if not organizer.get("name"):
            problems.append("an organizer without a name")
    if not str(event.get("url", "")).startswith(("https://", "http://")):
        problems.append("no absolute url")
    return problems


def events_read_by_extruct(html: str, url: str) -> list[dict]:
    """The JSON-LD of a page as extruct, a third-party parser of structured data, reads it."""
    found = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return [item for block in found for item in (block if isinstance(block, list) else [block])]


@pytest.mark.django_db
def test_every_meeting_of_the_demo_is_an_event_google_accepts(client, demo):
    """Every announcement in both languages: one Event per meeting, each one Google reads."""
    checked = 0
    for page in MeetingAnnouncementPage.objects.live().public():
        url = page.get_full_url()
        events = events_read_by_extruct(client.get(page.url).content.decode(), url)
        meetings = selectors.meetings_of(page)
        assert len(events) == len(meetings), page.url
        for event, meeting_ in zip(events, meetings, strict=True):
            assert google_event_problems(event) == [], (page.url, event)
            assert datetime.fromisoformat(event["startDate"]) == meeting_.start
            assert datetime.fromisoformat(event["endDate"]) == meeting_.end
            assert event["inLanguage"] == page.locale.language_code
            checked += 1
    assert checked >= 4


@pytest.mark.django_db
def test_every_kind_of_meeting_is_an_event_google_accepts_or_none(client, index, schedule):
    kinds = [
        meeting(start=warsaw(2058, 6, 1, 17)),
        meeting(start=warsaw(2058, 6, 2, 17), status="cancelled"),
        meeting(start=warsaw(2058, 6, 3, 17), status="postponed"),
        meeting(start=warsaw(2058, 6, 4, 17), status="moved"),
        meeting(
            start=warsaw(2058, 6, 5, 17),
            attendance_mode="online",
            online_url="https://example.org/a",
            status="moved",
        ),
        meeting(
            start=warsaw(2058, 6, 6, 17),
            attendance_mode="hybrid",
            online_url="https://example.org/b",
        ),
        # Nowhere yet: no Event until a venue or an online address is known.
        meeting(start=warsaw(2058, 6, 7, 17), venue=None),
        meeting(start=warsaw(2058, 6, 8, 17), attendance_mode="online", venue=None),
    ]
    page = announcement(index, meetings=kinds)

    events = events_read_by_extruct(client.get(page.url).content.decode(), page.get_full_url())

    assert [google_event_problems(event) for event in events] == [[]] * 6
    assert [event["startDate"][:10] for event in events] == [
        f"2058-06-0{day}" for day in range(1, 7)
    ]
    statuses = [event["eventStatus"].rsplit("/", 1)[1] for event in events]
    assert statuses == [
        "EventScheduled",
        "EventCancelled",
        "EventPostponed",
        "EventScheduled",
        "EventMovedOnline",
        "EventScheduled",
    ]
    assert [location["@type"] for location in events[5]["location"]] == [
        "Place",
        "VirtualLocation",
    ]
    unplaced = announcement(index, meetings=[meeting(start=warsaw(2058, 7, 1, 17), venue=None)])
    assert "ld+json" not in client.get(unplaced.url).content.decode()


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, index):
    page = announcement(
        index,
        meetings=[meeting(start=warsaw(2058, 6, 10), topic='</script><script>alert("x")</script>')],
    )

    html = client.get(page.url).content.decode()

    assert "<script>alert" not in html
    assert json_ld(html)[0]["name"] == '</script><script>alert("x")</script>'


@pytest.mark.django_db
def test_pages_carry_open_graph_tags(client, index):
    page = announcement(index, lead="Zaproszenie dla organizacji.")

    html = client.get(page.url).content.decode()

    assert '<meta property="og:title" content="Spotkania branżowe">' in html
    assert '<meta property="og:description" content="Zaproszenie dla organizacji.">' in html
    assert '<meta property="og:locale" content="pl_PL">' in html


@pytest.mark.django_db
def test_the_sitemap_lists_both_languages_with_alternates(client, demo):
    response = client.get("/sitemap.xml")

    root = ElementTree.fromstring(response.content)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.findall(f"{SITEMAP}url")}
    polish = next(
        loc
        for loc in urls
        if loc.endswith("/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/")
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in urls[polish].findall(f"{XHTML}link")
    }
    assert alternates["pl"] == polish
    assert alternates["en"].endswith("/en/announcements/consultation-meetings-third-sector-2026/")
    assert alternates["en"] in urls


@pytest.mark.django_db
def test_every_sitemap_entry_lists_itself_and_its_alternates_symmetrically(client, demo):
    from wagtail.models import Site

    origin = Site.objects.get(is_default_site=True).root_url
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }

    assert len(entries) >= 20
    for loc, alternates in entries.items():
        assert loc.startswith(origin + "/"), loc
        assert loc in alternates.values(), loc
        assert set(alternates) == {*LANGUAGES, "x-default"}, loc
        assert alternates["x-default"] == alternates["pl"], loc
        for href in alternates.values():
            assert entries.get(href) == alternates, (loc, href)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rss_feed_is_valid_xml_per_language(client, demo, language):
    from meetings.models import AnnouncementIndexPage

    index = AnnouncementIndexPage.objects.get(locale__language_code=language)
    pages = MeetingAnnouncementPage.objects.live().filter(locale__language_code=language)

    feed = ElementTree.fromstring(client.get(f"{index.url}rss.xml").content)

    assert feed.find("channel/language").text == language
    titles = [item.find("title").text for item in feed.iter("item")]
    assert sorted(titles) == sorted(page.title for page in pages)
    assert len(titles) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_feed_is_in_each_language(client, demo, language):
    import icalendar

    from meetings.models import SchedulePage

    schedule = SchedulePage.objects.get(locale__language_code=language)
    response = client.get(f"{schedule.url}feed.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    polish = client.get("/harmonogram/feed.ics")

    assert response.status_code == 200
    assert len(events) == len(icalendar.Calendar.from_ical(polish.content).walk("VEVENT")) > 0
    prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    assert all(str(event["URL"]).split("testserver", 1)[1].startswith(prefix) for event in events)
    assert len({str(event["UID"]) for event in events}) == len(events)


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client, demo):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in text
    assert re.search(r"^Sitemap: http://\S+/sitemap\.xml$", text, re.M)


@pytest.mark.django_db
def test_search_finds_announcements_and_meetings_in_each_language(client, demo):
    polish = client.get("/szukaj/", {"q": "trzeciego sektora"}).content.decode()
    english = client.get("/en/search/", {"q": "third sector"}).content.decode()
    meetings = client.get("/szukaj/", {"q": "ekologia"}).content.decode()
    ukrainian = client.get("/uk/poshuk/", {"q": "третього сектору"}).content.decode()
    inflected = client.get("/uk/poshuk/", {"q": "екології"}).content.decode()

    assert "Spotkania branżowe dla trzeciego sektora" in polish
    assert "Consultation meetings for the third sector" in english
    assert "Ekologia i ochrona zwierząt — spotkanie przykładowe" in meetings
    assert "Галузеві зустрічі для третього сектору" in ukrainian
    assert "Екологія та захист тварин — приклад зустрічі (онлайн)" in inflected


@pytest.mark.django_db
def test_a_too_long_search_is_refused_clearly(client, demo):
    response = client.get("/szukaj/", {"q": "a" * 500})

    assert response.status_code == 400
    assert "zbyt długi" in response.content.decode()


def head_links(html: str) -> tuple[dict, str]:
    """The hreflang alternates ({language: href}) and the canonical address of a page."""
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    )
    (canonical,) = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    return alternates, canonical


PUBLIC_PAGES = [
    "/",
    "/ogloszenia/",
    "/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/",
    "/harmonogram/",
    "/harmonogram/sfera/dzieci-i-mlodziez/",
    "/deklaracja-dostepnosci/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_hreflang_alternates_are_absolute_self_listing_symmetric_with_x_default(client, demo, path):
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_url
    alternates, canonical = head_links(client.get(path).content.decode())

    assert canonical == root + path
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert alternates["pl"] == canonical
    assert alternates["x-default"] == alternates["pl"]
    assert all(href.startswith(root + "/") for href in alternates.values())
    for language in LANGUAGES[1:]:
        html = client.get(alternates[language].removeprefix(root)).content.decode()
        assert f'<html lang="{language}">' in html
        assert head_links(html) == (alternates, alternates[language])


@pytest.mark.django_db
def test_a_sphere_page_is_a_page_of_its_own_for_search_engines(client, demo):
    html = client.get("/harmonogram/sfera/dzieci-i-mlodziez/").content.decode()

    (og_url,) = re.findall(r'<meta property="og:url" content="([^"]+)">', html)
    assert og_url.endswith("/harmonogram/sfera/dzieci-i-mlodziez/")
    assert head_links(html)[1] == og_url


@pytest.mark.django_db
def test_the_sitemap_lists_every_spheres_page_in_every_language(client, demo):
    from wagtail.models import Site

    from meetings.models import SchedulePage, Sphere

    origin = Site.objects.get(is_default_site=True).root_url
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.findall(f"{SITEMAP}url")}
    children = f"{origin}/harmonogram/sfera/dzieci-i-mlodziez/"
    alternates = {
        link.get("hreflang"): link.get("href") for link in urls[children].findall(f"{XHTML}link")
    }

    for language in LANGUAGES:
        schedule = SchedulePage.objects.get(locale__language_code=language)
        spheres = Sphere.objects.filter(locale=schedule.locale)
        assert spheres.count() == 41
        assert all(origin + schedule.sphere_url(s) in urls for s in spheres), language
        assert alternates[language] in urls
    assert alternates["pl"] == alternates["x-default"] == children
    assert all(loc.startswith("http") for loc in urls)


@pytest.mark.django_db
def test_search_results_are_kept_out_of_indexes(client, demo):
    html = client.get("/szukaj/?q=spotkania").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert '<meta name="robots"' not in client.get("/harmonogram/").content.decode()
