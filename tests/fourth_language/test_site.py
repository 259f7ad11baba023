"""A fourth content language by settings alone: German, with no catalogue, no sphere names and
no house style for dates (cms.settings.test_fourth_language; `make test` runs this module
with those settings). Its content is the demo's, copied into German with wagtail-localize the
way a translator starts, with only the page titles and slugs translated."""

import io
import json
import re

import icalendar
import pytest
from defusedxml import ElementTree
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page

from meetings.models import (
    Consultation,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)
from meetings.translation import translate
from tests.factories import polish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        len(settings.WAGTAIL_CONTENT_LANGUAGES) < 4,
        reason="needs --ds=cms.settings.test_fourth_language, as make test runs it",
    ),
]

GERMAN = {
    "Spotkania branżowe": "Branchentreffen",
    "Ogłoszenia": "Ankündigungen",
    "ogloszenia": "ankuendigungen",
    "Harmonogram spotkań": "Terminplan",
    "harmonogram": "terminplan",
    "spotkania-branzowe-dla-trzeciego-sektora-2026": "branchentreffen-2026",
    "demo-spotkania-konsultacyjne": "demo-beratungstreffen",
}


class Untranslated(dict):
    """The German above, and every other string as it is in Polish: not translated yet."""

    def __contains__(self, key):
        return True

    def __missing__(self, key):
        return key


@pytest.fixture
def german(db) -> Locale:
    call_command("load_demo_content", stdout=io.StringIO())
    locale = Locale.objects.get(language_code="de")
    strings = Untranslated(GERMAN)
    for model in (Organizer, Consultation, Venue):
        for obj in model.objects.filter(locale=polish()):
            translate(obj, locale=locale, strings=strings)
    for page in Page.objects.filter(locale=polish(), depth__gt=1).order_by("path"):
        translate(page.specific, locale=locale, strings=strings)
    return locale


def test_the_language_comes_from_settings_alone():
    assert "de" not in {code for code, _name in settings.LANGUAGES[:3]}
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES][-1] == "de"


def test_the_new_language_has_every_sphere_with_the_acts_names_marked_polish(german):
    spheres = Sphere.objects.filter(locale=german)
    source = dict(Sphere.objects.filter(locale=polish()).values_list("number", "display_name"))

    assert spheres.count() == 41
    assert all(s.display_name == source[s.number] for s in spheres)
    assert {s.name_language for s in spheres} == {"pl"}


def test_pages_render_in_german_with_interface_strings_falling_back(client, german):
    pages = Page.objects.filter(locale=german, depth__gt=1).live().specific()
    assert len(pages) == 7
    with translation.override(settings.LANGUAGE_CODE):
        skip_link = translation.gettext("Skip to content")

    for page in pages:
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200, page.url
        assert '<html lang="de">' in html
        assert page.url.startswith("/de/")
        # No German catalogue: Django falls back to the source language's (LANGUAGE_CODE).
        assert skip_link in html
        assert 'hreflang="de"' in html
        assert 'hreflang="uk"' in html


def test_the_announcement_gives_dates_in_germans_cldr_form(client, german):
    page = MeetingAnnouncementPage.objects.get(locale=german, slug="branchentreffen-2026")

    html = client.get(page.url).content.decode()
    text = re.sub(r"<[^>]+>", "", html)

    assert "Dienstag, 10. Juni 2025, 17:00–19:00" in text
    assert "Dienstag, 24. Juni 2025, 17:00–19:00" in text
    # The spheres have no German names yet: the Polish ones, marked as Polish.
    assert (
        '<span class="tag" lang="pl">działalność na rzecz integracji cudzoziemców</span>' in (html)
        or 'lang="pl">działalność na rzecz integracji cudzoziemców</a>' in html
    )


def test_the_schedule_and_a_sphere_page_work_in_german(client, german):
    schedule = SchedulePage.objects.get(locale=german)
    sphere = Sphere.objects.get(locale=german, number="15")

    listing = client.get(schedule.url)
    sphere_page = client.get(schedule.sphere_url(sphere))

    assert listing.status_code == 200
    assert "Juni 2025" in listing.content.decode()
    assert sphere_page.status_code == 200
    assert sphere_page.content.decode().count('<h1 lang="pl">') == 1


def test_the_api_lists_the_language_and_serves_it(client, german):
    document = client.get("/api/v1/openapi.json").json()
    meetings = client.get("/api/v1/meetings/", {"locale": "de", "limit": 50})
    refused = client.get("/api/v1/meetings/", {"locale": "fr"})

    assert document["components"]["schemas"]["Locale"]["enum"] == ["pl", "en", "uk", "de"]
    assert meetings.status_code == 200
    assert meetings["Content-Language"] == "de"
    body = meetings.json()
    assert {item["locale"] for item in body["items"]} == {"de"}
    assert any(item["when"] == "Dienstag, 10. Juni 2025, 17:00–19:00" for item in body["items"])
    assert refused.status_code == 422
    assert all(code in json.dumps(refused.json()) for code in ("pl", "en", "uk", "de"))


def test_the_feeds_work_in_german(client, german):
    schedule = SchedulePage.objects.get(locale=german)
    index = Page.objects.get(locale=german, slug="ankuendigungen")

    calendar = client.get(f"{schedule.url}feed.ics")
    rss = client.get(f"{index.url}rss.xml")

    assert calendar.status_code == 200
    events = icalendar.Calendar.from_ical(calendar.content).walk("VEVENT")
    source = SchedulePage.objects.get(locale=polish())
    polish_events = icalendar.Calendar.from_ical(client.get(f"{source.url}feed.ics").content)
    german_meetings = MeetingAnnouncementPage.objects.filter(locale=german).live()
    assert len(events) == len(polish_events.walk("VEVENT")) == 3
    assert all(str(event["URL"]).startswith("http://testserver/de/") for event in events)
    assert rss.status_code == 200
    channel = ElementTree.fromstring(rss.content).find("channel")
    assert channel.findtext("language") == "de"
    assert len(channel.findall("item")) == german_meetings.count()


def test_the_sitemap_lists_the_german_pages_with_alternates(client, german):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/de/terminplan/" in xml
    assert 'hreflang="de"' in xml
