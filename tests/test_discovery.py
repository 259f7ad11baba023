"""What search engines, feed readers and sharing read: JSON-LD, sitemap, RSS, robots, search."""

import json
import re

import pytest
from defusedxml import ElementTree
from django.core.management import call_command

from tests.factories import announcement, meeting, warsaw

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


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


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
def test_the_rss_feed_is_valid_xml_per_language(client, demo):
    polish = ElementTree.fromstring(client.get("/ogloszenia/rss.xml").content)
    english = ElementTree.fromstring(client.get("/en/announcements/rss.xml").content)

    assert polish.find("channel/language").text == "pl"
    assert english.find("channel/language").text == "en"
    polish_titles = [item.find("title").text for item in polish.iter("item")]
    assert any(
        title.startswith("Spotkania branżowe dla trzeciego sektora") for title in polish_titles
    )
    english_titles = [item.find("title").text for item in english.iter("item")]
    assert any(
        title.startswith("Consultation meetings for the third sector") for title in english_titles
    )


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

    assert "Spotkania branżowe dla trzeciego sektora" in polish
    assert "Consultation meetings for the third sector" in english
    assert "Ekologia i ochrona zwierząt — spotkanie przykładowe" in meetings


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
    assert set(alternates) == {"pl", "en", "x-default"}
    assert alternates["pl"] == canonical
    assert alternates["x-default"] == alternates["pl"]
    assert all(href.startswith(root + "/") for href in alternates.values())
    english = alternates["en"].removeprefix(root)
    english_alternates, english_canonical = head_links(client.get(english).content.decode())
    assert english_canonical == alternates["en"]
    assert english_alternates == alternates


@pytest.mark.django_db
def test_a_sphere_page_is_a_page_of_its_own_for_search_engines(client, demo):
    html = client.get("/harmonogram/sfera/dzieci-i-mlodziez/").content.decode()

    (og_url,) = re.findall(r'<meta property="og:url" content="([^"]+)">', html)
    assert og_url.endswith("/harmonogram/sfera/dzieci-i-mlodziez/")
    assert head_links(html)[1] == og_url


@pytest.mark.django_db
def test_the_sitemap_lists_every_spheres_page_in_every_language(client, demo):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.findall(f"{SITEMAP}url")}
    spheres = [loc for loc in urls if "/sfera/" in loc or "/sphere/" in loc]
    children = next(loc for loc in spheres if loc.endswith("/harmonogram/sfera/dzieci-i-mlodziez/"))
    alternates = {
        link.get("hreflang"): link.get("href") for link in urls[children].findall(f"{XHTML}link")
    }

    assert len(spheres) == 2 * 41
    assert alternates["pl"] == alternates["x-default"] == children
    assert alternates["en"] in urls
    assert all(loc.startswith("http") for loc in urls)


@pytest.mark.django_db
def test_search_results_are_kept_out_of_indexes(client, demo):
    html = client.get("/szukaj/?q=spotkania").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert '<meta name="robots"' not in client.get("/harmonogram/").content.decode()
