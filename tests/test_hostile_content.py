"""Hostile text typed by an editor (or imported) stays inert in every output.

The matrix: every payload is stored, bypassing form validation, in every editable field that
reaches an output; every output is then read as its consumer reads it (HTML and JSON-LD, the
API's JSON, RSS, iCalendar, the admin) and must show the text as text, never as markup, script,
a link that runs script, or extra calendar properties. One announcement per payload; all of
them are built once for the matrix and rolled back after it.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from html import escape
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.rich_text import RichText

from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)
from tests import factories
from tests.factories import WARSAW, polish

PAYLOADS = {
    "script-tag": "<script>alert(1)</script>",
    "img-onerror": '"><img src=x onerror=alert(1)>',
    "script-breakout": "</script><script>alert(1)</script>",
    "javascript-url": "javascript:alert(1)",
    "javascript-url-disguised": " \tJaVaScRiPt:alert(1)",
    "quotes": "' \" & < >",
    "crlf-header": "a\r\nX-Injected: 1",
    "ical-vevent": "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil",
    "ical-separators": "a;b,c\\d:e\\n",
    "ical-attach": "\r\nATTACH:http://evil.example/x",
    "control-characters": "a\x01b\x08c\x0bd\x1be\x7ff",
    "very-long": "Ż" * 5000,
    "bidi-override": "\u202eevil\u202c",
    "template-syntax": "{{ 7*7 }} {% debug %}",
    "html-comment": "<!-- --><![CDATA[x]]>-->",
}
JAVASCRIPT_PAYLOADS = {"javascript-url", "javascript-url-disguised"}

# field -> max length of the model or block field (None: unlimited)
TEXT_FIELDS = {
    "title": 255,
    "lead": 1000,
    "heading": 200,
    "callout_title": 200,
    "links_heading": 200,
    "link_title": 200,
    "cta_text": 80,
    "image_alt": 300,
    "image_caption": 300,
    "topic": 500,
    "status_note": 500,
    "outcome": 2000,
    "venue_name": 255,
    "venue_street": 255,
    "venue_room": 255,
    "venue_floor": 50,
    "venue_accessibility": None,
    "organizer_name": 255,
    "organizer_phone": 50,
    "consultation_title": 255,
    "sphere_display_name": 255,
    "document_title": 255,
}
URL_FIELDS = ["online_url", "registration_url", "consultation_url", "organizer_website"]
URL_BLOCK_FIELDS = ["link_url", "cta_url"]
EMAIL_FIELDS = ["registration_email", "organizer_email"]
RICH_TEXT_FIELDS = ["paragraph", "callout_text", "minutes", "consultation_report"]
FIELDS = [*TEXT_FIELDS, *URL_FIELDS, *URL_BLOCK_FIELDS, *EMAIL_FIELDS, *RICH_TEXT_FIELDS]


@pytest.fixture(autouse=True)
def editors_language():
    """Messages for editors are checked in Polish, the admin's language, whatever language an
    earlier test in the same process left active."""
    with translation.override("pl"):
        yield


def marker(name: str) -> str:
    """A searchable word that says which field a piece of text came from."""
    return "x" + name.replace("_", "")


def field_values(payload_name: str) -> dict[str, str]:
    payload = PAYLOADS[payload_name]
    values = {}
    for name, max_length in TEXT_FIELDS.items():
        values[name] = f"{marker(name)} {payload}"[:max_length]
    for name in [*URL_FIELDS, *URL_BLOCK_FIELDS]:
        if payload_name in JAVASCRIPT_PAYLOADS:
            values[name] = payload
        else:
            values[name] = f"https://example.org/{marker(name)}/{payload}"[:200]
    for name in EMAIL_FIELDS:
        values[name] = f"{marker(name)}{payload}"[:200] + "@example.org"
    for name in RICH_TEXT_FIELDS:
        # What the editor's converter stores (escaped text, a link), and what it never would:
        # the payload as raw markup and as a link's address.
        link = values["link_url"]
        values[name] = (
            f"<p>{marker(name)} {escape(payload, quote=False)}</p>"
            f'<p><a href="{escape(link)}">{marker(name)} link</a></p>'
            f"<p>{payload}</p>"
            f'<p><a href="{link}">raw</a></p>'
        )
    return values


def rich_text_marker_text(name: str, payload: str) -> str:
    return f"{marker(name)} {payload}"


# --- The data, built once for the module ------------------------------------------------------


@dataclass
class Hostile:
    name: str
    values: dict
    page: MeetingAnnouncementPage
    meeting: Meeting
    venue: Venue
    organizer: Organizer
    sphere: Sphere


@dataclass
class Site_:
    index: AnnouncementIndexPage
    schedule: SchedulePage
    items: dict[str, Hostile] = field(default_factory=dict)
    responses: dict = field(default_factory=dict)


def _build(name: str, position: int, index, image, sphere) -> Hostile:
    values = field_values(name)
    locale = polish()
    venue = Venue.objects.create(
        locale=locale,
        name=values["venue_name"],
        street_address=values["venue_street"],
        room=values["venue_room"],
        floor=values["venue_floor"],
        accessibility_notes=values["venue_accessibility"],
    )
    organizer = Organizer.objects.create(
        locale=locale,
        name=values["organizer_name"],
        email=values["organizer_email"],
        phone=values["organizer_phone"],
        website=values["organizer_website"],
    )
    document = Document(title=values["document_title"])
    document.file.save("protokol.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False)
    document.save()
    consultation = Consultation.objects.create(
        locale=locale,
        title=values["consultation_title"],
        url=values["consultation_url"],
        report=values["consultation_report"],
    )
    sphere.display_name = values["sphere_display_name"]
    sphere.save()
    day = timezone.localdate() + timedelta(days=7)
    start = datetime.combine(day, time(8), tzinfo=WARSAW) + timedelta(minutes=30 * position)
    meeting = Meeting(
        topic=values["topic"],
        start=start,
        end=start + timedelta(minutes=20),
        attendance_mode=Meeting.AttendanceMode.HYBRID,
        venue=venue,
        online_url=values["online_url"],
        spheres=[sphere],
        registration=Meeting.Registration.REQUIRED,
        registration_url=values["registration_url"],
        registration_email=values["registration_email"],
        status=Meeting.Status.MOVED,
        status_note=values["status_note"],
        outcome=values["outcome"],
        minutes=values["minutes"],
        minutes_document=document,
    )
    page = MeetingAnnouncementPage(
        title=f"Ogłoszenie {name}",
        slug=f"wrogie-{name}",
        lead="Zapraszamy.",
        consultation=consultation,
        organizer_links=[AnnouncementOrganizer(organizer=organizer)],
        meetings=[meeting],
        body=[
            ("paragraph", RichText(values["paragraph"])),
            ("heading", {"text": values["heading"], "level": "h2"}),
            (
                "callout",
                {
                    "tone": "info",
                    "title": values["callout_title"],
                    "text": RichText(values["callout_text"]),
                },
            ),
            (
                "links",
                {
                    "heading": values["links_heading"],
                    "links": [
                        {
                            "title": values["link_title"],
                            "page": None,
                            "document": None,
                            "url": values["link_url"],
                        }
                    ],
                },
            ),
            (
                "call_to_action",
                {"text": values["cta_text"], "page": None, "url": values["cta_url"]},
            ),
            (
                "image",
                {
                    "image": image,
                    "alt_text": values["image_alt"],
                    "decorative": False,
                    "caption": values["image_caption"],
                },
            ),
        ],
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    # Past Wagtail's validation on save, as an import or a script could write them.
    MeetingAnnouncementPage.objects.filter(pk=page.pk).update(
        title=values["title"], draft_title=values["title"], lead=values["lead"]
    )
    page.refresh_from_db()
    return Hostile(
        name=name,
        values=values,
        page=page,
        meeting=Meeting.objects.get(page=page),
        venue=venue,
        organizer=organizer,
        sphere=Sphere.objects.get(pk=sphere.pk),
    )


@pytest.fixture(scope="class")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        index = factories.announcement_index(home)
        schedule = factories.schedule_page(home)
        image = Image.objects.create(title="Zdjęcie", file=get_test_image_file())
        spheres = list(Sphere.objects.filter(locale=polish()).order_by("sort_order"))
        built = Site_(index=index, schedule=schedule)
        for position, name in enumerate(PAYLOADS):
            built.items[name] = _build(name, position, index, image, spheres[position])
        get_user_model().objects.create_superuser("wrogi-admin", "admin@example.org", "haslo")
        yield built
        transaction.set_rollback(True)


# --- What "inert" means, per kind of output ---------------------------------------------------


class _Document(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs)
        self.scripts = []  # (attrs, content)
        self.text = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (attrs, [])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.text.append(data)


def parse_html(html: str) -> _Document:
    document = _Document()
    document.feed(html)
    document.close()
    return document


def _runs_script(url: str | None) -> bool:
    compact = re.sub(r"[\x00-\x20\x7f]+", "", url or "").lower()
    return compact.startswith(("javascript:", "vbscript:", "data:text/html"))


def assert_inert_html(html: str) -> _Document:
    """No script, event handler, image or link came from the payloads."""
    document = parse_html(html)
    for attrs, content in document.scripts:
        assert "alert(1)" not in content.strip()[:20], f"injected script: {content[:80]!r}"
        if attrs.get("type") == "application/ld+json":
            json.loads(content)
    for tag, attrs in document.elements:
        for name, value in attrs.items():
            assert not (name.startswith("on") and "alert" in (value or "")), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not _runs_script(value), f"<{tag} {name}={value!r}>"
        assert not (tag == "img" and attrs.get("src") == "x"), "injected <img>"
    return document


RICH_TEXT_ELEMENTS = {"p", "a", "b", "strong", "i", "em", "ol", "ul", "li", "br"}


def assert_rich_text_only(html: str):
    """HTML the API hands over has only what the rich-text features make, links with http(s)."""
    document = assert_inert_html(html)
    tags = {tag for tag, _ in document.elements}
    assert tags <= RICH_TEXT_ELEMENTS, tags - RICH_TEXT_ELEMENTS
    for _, attrs in document.elements:
        assert set(attrs) <= {"href"}, attrs


def normalised(text: str) -> str:
    return " ".join(text.split())


def visible_text(document: _Document) -> str:
    return normalised(" ".join(document.text))


def assert_shown_as_text(document: _Document, expected: dict[str, str]):
    text = visible_text(document)
    missing = [name for name, value in expected.items() if normalised(value)[:80] not in text]
    assert not missing, f"not shown as text: {missing}"


def json_strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in json_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in json_strings(value)]
    return [data] if isinstance(data, str) else []


def html_values(data, keys=("html", "text_html")) -> list[str]:
    """The values the API hands over as HTML (rich text), to be inserted as markup."""
    if isinstance(data, dict):
        found = [v for k, v in data.items() if k in keys and isinstance(v, str)]
        return found + [s for v in data.values() for s in html_values(v, keys)]
    if isinstance(data, list):
        return [s for v in data for s in html_values(v, keys)]
    return []


def expected_url(item: Hostile, name: str) -> str:
    return "" if item.name in JAVASCRIPT_PAYLOADS else item.values[name]


# --- The outputs ------------------------------------------------------------------------------

PAGE_TEXT = [
    "title",
    "lead",
    "heading",
    "callout_title",
    "links_heading",
    "link_title",
    "cta_text",
    "image_caption",
    "topic",
    "status_note",
    "outcome",
    "venue_name",
    "venue_street",
    "venue_room",
    "venue_floor",
    "venue_accessibility",
    "organizer_name",
    "consultation_title",
    "sphere_display_name",
    "registration_email",
]
PAGE_RICH_TEXT = RICH_TEXT_FIELDS
PAGE_URLS = ["online_url", "registration_url", "consultation_url", "link_url", "cta_url"]
SUMMARY_TEXT = ["topic", "status_note", "venue_name", "venue_street", "sphere_display_name"]
API_MEETING_TEXT = [
    "topic",
    "status_note",
    "outcome",
    "registration_email",
    "venue_name",
    "venue_street",
    "venue_room",
    "venue_floor",
    "venue_accessibility",
    "sphere_display_name",
    "document_title",
]
API_ANNOUNCEMENT_TEXT = [
    "title",
    "lead",
    "heading",
    "callout_title",
    "links_heading",
    "link_title",
    "cta_text",
    "image_alt",
    "image_caption",
    "consultation_title",
    "organizer_name",
]


def get(client, site, url, *, admin=False, **params):
    key = (url, admin, tuple(sorted(params.items())))
    if key not in site.responses:
        if admin:
            client.force_login(get_user_model().objects.get(username="wrogi-admin"))
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
        site.responses[key] = response
    return site.responses[key]


def check_announcement_html(client, site, item):
    document = assert_inert_html(get(client, site, item.page.url).content.decode())
    assert_shown_as_text(document, {f: item.values[f] for f in PAGE_TEXT})
    payload = PAYLOADS[item.name]
    assert_shown_as_text(document, {f: rich_text_marker_text(f, payload) for f in PAGE_RICH_TEXT})
    hrefs = {attrs.get("href") for _, attrs in document.elements}
    for name in PAGE_URLS:
        assert expected_url(item, name) in hrefs, name
    alts = {attrs.get("alt") for tag, attrs in document.elements if tag == "img"}
    assert item.values["image_alt"] in alts
    return len(PAGE_TEXT) + len(PAGE_RICH_TEXT) + len(PAGE_URLS) + 1


def check_announcement_json_ld(client, site, item):
    html = get(client, site, item.page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0], "markup inside the JSON-LD block"
    (event,) = json.loads(blocks[0])
    assert event["name"] == item.values["topic"]
    assert event["description"] == item.values["lead"]
    place, virtual = (
        event["location"]
        if isinstance(event["location"], list)
        else [
            event["location"],
            None,
        ]
    )
    assert place["name"] == item.values["venue_name"]
    assert place["address"]["streetAddress"] == item.values["venue_street"]
    if item.name in JAVASCRIPT_PAYLOADS:
        assert virtual is None
        assert "url" not in event["organizer"][0]
    else:
        assert virtual["url"] == item.values["online_url"]
        assert event["organizer"][0]["url"] == item.values["organizer_website"]
    assert event["organizer"][0]["name"] == item.values["organizer_name"]
    return 6


def check_schedule_html(client, site, item):
    document = assert_inert_html(get(client, site, site.schedule.url).content.decode())
    assert_shown_as_text(document, {f: item.values[f] for f in SUMMARY_TEXT})
    return len(SUMMARY_TEXT)


def check_sphere_html(client, site, item):
    url = site.schedule.sphere_url(item.sphere)
    document = assert_inert_html(get(client, site, url).content.decode())
    fields = [*SUMMARY_TEXT, "title"]
    assert_shown_as_text(document, {f: item.values[f] for f in fields})
    return len(fields)


def check_home_html(client, site, item):
    """The home page lists only the next few: all of them inert, some hostile text shown."""
    document = assert_inert_html(get(client, site, "/").content.decode())
    text = visible_text(document)
    assert marker("topic") in text and marker("title") in text
    return 2


def check_announcements_index_html(client, site, item):
    document = assert_inert_html(get(client, site, site.index.url).content.decode())
    assert_shown_as_text(document, {f: item.values[f] for f in ("title", "lead")})
    return 2


def check_search_reflected(client, site, item):
    payload = PAYLOADS[item.name][:200]
    response = client.get("/szukaj/", {"q": payload})
    document = assert_inert_html(response.content.decode())
    inputs = [attrs for tag, attrs in document.elements if tag == "input"]
    assert payload.strip() in [attrs.get("value") for attrs in inputs]
    return 1


def check_search_results(client, site, item):
    document = assert_inert_html(get(client, site, "/szukaj/", q=marker("topic")).content.decode())
    assert_shown_as_text(document, {f: item.values[f] for f in SUMMARY_TEXT})
    return len(SUMMARY_TEXT)


def _check_api_meeting(data, item):
    strings = json_strings(data)
    for name in API_MEETING_TEXT:
        assert item.values[name] in strings, name
    assert data["online_url"] == expected_url(item, "online_url")
    assert data["registration"]["url"] == expected_url(item, "registration_url")
    for html in html_values(data):
        assert_rich_text_only(html)
    return len(API_MEETING_TEXT) + 2 + 1


def check_api_meetings_list(client, site, item):
    body = json.loads(get(client, site, "/api/v1/meetings/", limit=100).content)
    (data,) = [m for m in body["items"] if m["id"] == item.meeting.pk]
    return _check_api_meeting(data, item)


def check_api_meeting_detail(client, site, item):
    data = json.loads(get(client, site, f"/api/v1/meetings/{item.meeting.pk}/").content)
    return _check_api_meeting(data, item)


def check_api_announcement_detail(client, site, item):
    data = json.loads(get(client, site, f"/api/v1/announcements/{item.page.pk}/").content)
    strings = json_strings(data)
    for name in API_ANNOUNCEMENT_TEXT:
        assert item.values[name] in strings, name
    blocks = {block["type"]: block for block in data["body"]}
    assert blocks["links"]["links"][0]["url"] == expected_url(item, "link_url")
    assert blocks["call_to_action"]["url"] == expected_url(item, "cta_url")
    assert data["consultation"]["url"] == expected_url(item, "consultation_url")
    rich = html_values(data)
    assert len(rich) >= 3  # paragraph, callout and the consultation's report
    for html in rich:
        assert_rich_text_only(html)
    return len(API_ANNOUNCEMENT_TEXT) + 3 + 3


def check_api_venues(client, site, item):
    body = json.loads(get(client, site, "/api/v1/venues/").content)
    (data,) = [v for v in body if v["id"] == item.venue.pk]
    fields = ["venue_name", "venue_street", "venue_room", "venue_floor", "venue_accessibility"]
    strings = json_strings(data)
    for name in fields:
        assert item.values[name] in strings, name
    return len(fields)


def check_api_organizers(client, site, item):
    body = json.loads(get(client, site, "/api/v1/organizers/").content)
    (data,) = [o for o in body if o["id"] == item.organizer.pk]
    assert data["name"] == item.values["organizer_name"]
    assert data["phone"] == item.values["organizer_phone"]
    assert data["email"] == item.values["organizer_email"]
    assert data["website"] == expected_url(item, "organizer_website")
    return 4


def check_api_spheres(client, site, item):
    body = json.loads(get(client, site, "/api/v1/spheres/").content)
    names = [s["name"] for s in body]
    assert item.values["sphere_display_name"] in names
    return 1


def _xml_text(value: str) -> str:
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)


def check_rss(client, site, item):
    response = get(client, site, f"{site.index.url}rss.xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    items = channel.findall("item")
    assert len(items) == len(PAYLOADS)
    (entry,) = [i for i in items if i.findtext("link").endswith(f"/wrogie-{item.name}/")]
    assert normalised(entry.findtext("title")) == normalised(_xml_text(item.values["title"]))
    description = normalised(entry.findtext("description"))
    assert normalised(_xml_text(item.values["lead"])) in description
    return 2


def _components(calendar: Calendar):
    return list(calendar.walk())


def _assert_calendar_structure(calendar: Calendar, events: int):
    names = [component.name for component in _components(calendar)]
    assert names.count("VEVENT") == events
    assert names.count("VCALENDAR") == 1
    for component in _components(calendar):
        assert "ATTACH" not in component
        assert "X-INJECTED" not in component
        assert not any(key.startswith("SUMMARY") for key in component if key != "SUMMARY")


def _ical_text(value: str) -> str:
    # CR/LF are line breaks in iCalendar text; a lone CR is not kept by every reader.
    return normalised(value)


def _check_event(event, item):
    assert _ical_text(str(event["SUMMARY"])).endswith(": " + _ical_text(item.values["topic"]))
    description = _ical_text(str(event["DESCRIPTION"]))
    for name in ("title", "status_note", "outcome"):
        assert _ical_text(item.values[name]) in description, name
    location = _ical_text(str(event["LOCATION"]))
    for name in ("venue_name", "venue_street"):
        assert _ical_text(item.values[name]) in location, name
    assert [_ical_text(c) for c in event["CATEGORIES"].cats] == [
        _ical_text(item.values["sphere_display_name"])
    ]
    return 7


def check_meeting_ics(client, site, item):
    response = get(client, site, item.page.meeting_ics_url(item.meeting))
    assert (
        "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]
    )
    calendar = Calendar.from_ical(response.content)
    _assert_calendar_structure(calendar, events=1)
    (event,) = calendar.walk("VEVENT")
    return _check_event(event, item)


def check_feed_ics(client, site, item):
    response = get(client, site, f"{site.schedule.url}feed.ics")
    calendar = Calendar.from_ical(response.content)
    _assert_calendar_structure(calendar, events=len(PAYLOADS))
    uid = f"{item.meeting.translation_key}@spotkania.krakow.pl"
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    return _check_event(event, item)


def check_admin_edit(client, site, item):
    url = f"/admin/pages/{item.page.pk}/edit/"
    assert_inert_html(get(client, site, url, admin=True).content.decode())
    return 1


def check_admin_history(client, site, item):
    url = f"/admin/pages/{item.page.pk}/history/"
    document = assert_inert_html(get(client, site, url, admin=True).content.decode())
    assert_shown_as_text(document, {"title": item.values["title"]})
    return 1


def check_admin_page_listing(client, site, item):
    url = f"/admin/pages/{site.index.pk}/"
    document = assert_inert_html(get(client, site, url, admin=True).content.decode())
    assert_shown_as_text(document, {"title": item.values["title"]})
    return 1


def check_admin_overview(client, site, item):
    html = get(client, site, "/admin/meetings/overview/", admin=True).content.decode()
    document = assert_inert_html(html)
    assert_shown_as_text(document, {f: item.values[f] for f in ("topic", "title")})
    return 2


def check_admin_dashboard(client, site, item):
    """The dashboard shows the next few meetings: all inert, some hostile text shown."""
    document = assert_inert_html(get(client, site, "/admin/", admin=True).content.decode())
    assert marker("topic") in visible_text(document)
    return 1


def check_overview_csv(client, site, item):
    if "csv" not in site.responses:
        response = get(client, site, "/admin/meetings/overview/", admin=True, export="csv")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        site.responses["csv"] = (response["Content-Disposition"], content.decode("utf-8-sig"))
    disposition, content = site.responses["csv"]
    assert "\r" not in disposition and "\n" not in disposition
    rows = list(csv.reader(io.StringIO(content)))
    cells = {normalised(cell) for row in rows for cell in row}
    assert normalised(item.values["topic"]) in cells
    return 1


OUTPUTS = {
    "announcement-html": check_announcement_html,
    "announcement-json-ld": check_announcement_json_ld,
    "announcement-index-html": check_announcements_index_html,
    "schedule-html": check_schedule_html,
    "sphere-html": check_sphere_html,
    "home-html": check_home_html,
    "search-reflected-query": check_search_reflected,
    "search-results": check_search_results,
    "api-meetings-list": check_api_meetings_list,
    "api-meeting-detail": check_api_meeting_detail,
    "api-announcement-detail": check_api_announcement_detail,
    "api-venues": check_api_venues,
    "api-organizers": check_api_organizers,
    "api-spheres": check_api_spheres,
    "rss": check_rss,
    "meeting-ics": check_meeting_ics,
    "feed-ics": check_feed_ics,
    "admin-edit": check_admin_edit,
    "admin-history": check_admin_history,
    "admin-page-listing": check_admin_page_listing,
    "admin-meetings-overview": check_admin_overview,
    "admin-dashboard": check_admin_dashboard,
    "admin-overview-csv": check_overview_csv,
}


_MALFORMED_RICH_TEXT = pytest.mark.xfail(
    strict=True,
    reason="Wagtail's Draftail converter (html_to_contentstate) asserts well-formed rich text: "
    "a raw <img> or stray </script> stored bypassing the editor makes the edit view fail.",
)
KNOWN_FAILURES = {
    ("img-onerror", "admin-edit"): _MALFORMED_RICH_TEXT,
    ("script-breakout", "admin-edit"): _MALFORMED_RICH_TEXT,
}
MATRIX = [
    pytest.param(payload, output, marks=KNOWN_FAILURES.get((payload, output), ()))
    for payload in PAYLOADS
    for output in OUTPUTS
]


@pytest.mark.django_db
class TestHostileMatrix:
    """The data lives for this class only: the tests after it build their own."""

    @pytest.mark.parametrize(
        ("payload", "output"),
        MATRIX,
        ids=[f"{p}-{o}" for p, o in ((param.values[0], param.values[1]) for param in MATRIX)],
    )
    def test_hostile_text_in_every_field_is_inert_in(self, client, site, payload, output):
        checked = OUTPUTS[output](client, site, site.items[payload])

        assert checked >= 1


def test_the_matrix_size():
    """The figures the matrix stands for: payloads x fields x outputs."""
    print(
        f"\nhostile matrix: {len(PAYLOADS)} payloads x {len(FIELDS)} fields, "
        f"{len(OUTPUTS)} outputs: {len(PAYLOADS) * len(OUTPUTS)} cases"
    )
    assert len(PAYLOADS) >= 15
    assert len(FIELDS) >= 34
    assert len(OUTPUTS) >= 23


# --- Validation: what the editor cannot save ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x"]
)
@pytest.mark.parametrize(
    ("model", "field_name"),
    [
        (Meeting, "online_url"),
        (Meeting, "registration_url"),
        (Organizer, "website"),
        (Consultation, "url"),
    ],
    ids=["meeting-online_url", "meeting-registration_url", "organizer-website", "consultation-url"],
)
def test_a_script_link_is_refused_in_polish(model, field_name, payload):
    field = model._meta.get_field(field_name)

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        field.clean(payload, None)

    assert refused.value.messages == ["Wpisz poprawny URL."]


@pytest.mark.parametrize("payload", ["javascript:alert(1)", " JaVaScRiPt:alert(1)"])
@pytest.mark.parametrize("block_name", ["links", "call_to_action"])
def test_a_script_link_is_refused_in_link_blocks(block_name, payload):
    from meetings.blocks import AnnouncementBodyBlock

    block = AnnouncementBodyBlock().child_blocks[block_name]
    url_block = block.child_blocks["links"].child_block if block_name == "links" else block
    url_block = url_block.child_blocks["url"]

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        url_block.clean(payload)

    assert refused.value.messages == ["Wpisz poprawny URL."]


# --- Embeds and links: http(s) only -------------------------------------------------------------

NOT_HTTP = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/film.mp4",
]
HTTP_ONLY = "Wpisz adres zaczynający się od http:// lub https://."


def _link_block():
    from meetings.blocks import AnnouncementBodyBlock

    return AnnouncementBodyBlock().child_blocks["links"].child_blocks["links"].child_block


@pytest.mark.parametrize("url", NOT_HTTP)
def test_an_embed_that_is_not_http_is_refused_in_polish(url):
    from meetings.blocks import AnnouncementBodyBlock

    body_block = AnnouncementBodyBlock()
    body = body_block.to_python([{"type": "embed", "value": url}])

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        body_block.clean(body)

    assert refused.value.block_errors[0].messages == [HTTP_ONLY]


def test_an_ftp_address_is_refused_in_a_link_in_polish():
    link = _link_block()
    value = link.to_python(
        {"title": "Film", "page": None, "document": None, "url": "ftp://example.org/film.mp4"}
    )

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        link.clean(value)

    assert refused.value.block_errors["url"].messages == [HTTP_ONLY]


def test_an_ftp_address_is_refused_in_a_call_to_action_in_polish():
    from meetings.blocks import AnnouncementBodyBlock

    button = AnnouncementBodyBlock().child_blocks["call_to_action"]
    value = button.to_python({"text": "Zapisz się", "page": None, "url": "ftp://example.org/"})

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        button.clean(value)

    assert refused.value.block_errors["url"].messages == [HTTP_ONLY]


@pytest.mark.parametrize("url", ["https://example.org/plan.pdf", "http://example.org/"])
def test_an_http_address_is_a_valid_link(url):
    link = _link_block()

    cleaned = link.clean(link.to_python({"title": "Plan", "page": None, "url": url}))

    assert cleaned["url"] == url


@pytest.mark.django_db
def test_the_api_hands_over_only_http_addresses_whatever_a_translation_overrides(client, index):
    from wagtail.embeds.blocks import EmbedValue

    from tests.test_translation import translate_tree

    page = factories.announcement(
        index, body=[("embed", EmbedValue("https://www.youtube.com/watch?v=pl"))]
    )
    english = MeetingAnnouncementPage.objects.get(pk=translate_tree(page).pk)
    # What a translator's override stores, past the block's validation.
    english.body = [
        *[("embed", EmbedValue(url)) for url in NOT_HTTP],
        ("embed", EmbedValue("https://www.youtube.com/watch?v=en")),
        (
            "links",
            {
                "heading": "Links",
                "links": [
                    {"title": f"Link {n}", "page": None, "document": None, "url": url}
                    for n, url in enumerate(NOT_HTTP)
                ],
            },
        ),
        *[("call_to_action", {"text": "Go", "page": None, "url": url}) for url in NOT_HTTP],
        (
            "paragraph",
            RichText(
                '<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a>'
                ' <a href="https://example.org/">three</a></p>'
            ),
        ),
    ]
    english.save_revision().publish()

    data = client.get(f"/api/v1/announcements/{english.pk}/", {"locale": "en"}).json()
    polish_data = client.get(f"/api/v1/announcements/{page.pk}/").json()

    by_type = {}
    for block in data["body"]:
        by_type.setdefault(block["type"], []).append(block)
    assert [block["url"] for block in by_type["embed"]] == ["https://www.youtube.com/watch?v=en"]
    assert [link["url"] for link in by_type["links"][0]["links"]] == [""] * len(NOT_HTTP)
    assert [block["url"] for block in by_type["call_to_action"]] == [""] * len(NOT_HTTP)
    (paragraph,) = by_type["paragraph"]
    assert_rich_text_only(paragraph["html"])
    assert 'href="https://example.org/"' in paragraph["html"]
    body_text = json.dumps(data["body"]).lower()
    for scheme in ("javascript", "vbscript", "data:", "ftp:"):
        assert scheme not in body_text, scheme
    assert [block["url"] for block in polish_data["body"]] == ["https://www.youtube.com/watch?v=pl"]


CONTROL_CHARACTER_FIELDS = [
    (MeetingAnnouncementPage, "title"),
    (MeetingAnnouncementPage, "lead"),
    (Meeting, "topic"),
    (Meeting, "status_note"),
    (Meeting, "outcome"),
    (Meeting, "minutes"),
    (Venue, "name"),
    (Venue, "street_address"),
    (Venue, "room"),
    (Venue, "floor"),
    (Venue, "accessibility_notes"),
    (Organizer, "name"),
    (Organizer, "phone"),
    (Consultation, "title"),
    (Consultation, "report"),
    (Sphere, "display_name"),
]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"], ids=repr)
@pytest.mark.parametrize(
    ("model", "field_name"),
    CONTROL_CHARACTER_FIELDS,
    ids=[f"{model.__name__}-{name}" for model, name in CONTROL_CHARACTER_FIELDS],
)
def test_control_characters_are_refused_with_a_clear_message(model, field_name, character, db):
    instance = model(**{field_name: f"Spotkanie{character}branżowe"})

    with pytest.raises(ValidationError) as refused:
        instance.clean()

    assert refused.value.message_dict[field_name] == [
        "Ten tekst zawiera niewidoczne znaki sterujące (np. NUL); usuń je."
    ]


def test_tabs_and_line_breaks_are_not_control_characters_to_refuse():
    meeting = Meeting(topic="Temat", outcome="Pierwszy wiersz\r\n\tdrugi wiersz")

    with pytest.raises(ValidationError) as refused:
        meeting.clean()

    assert "outcome" not in refused.value.message_dict
    assert "topic" not in refused.value.message_dict


# --- Import: hostile pasted text --------------------------------------------------------------

IMPORT_URL = "/admin/meetings/import/"


@pytest.fixture
def importing_editor(client, django_user_model, index):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("importerka", password="haslo")
    user.groups.add(Group.objects.get(name="Redaktorzy"))
    client.force_login(user)
    return user


def _hostile_announcement_text(payload: str) -> str:
    from pathlib import Path

    reference = (Path(__file__).parent / "import_corpus" / "reference.txt").read_text()
    title = "Spotkania branżowe dla trzeciego sektora"
    return (
        reference.replace(title, f"{title} {payload}", 1)
        + f"\n\n{payload} [x](javascript:alert(1))\n"
    )


IMPORT_PAYLOADS = {name: PAYLOADS[name] for name in PAYLOADS if name != "control-characters"}


@pytest.mark.django_db
@pytest.mark.parametrize("payload", IMPORT_PAYLOADS)
def test_hostile_pasted_text_is_inert_in_the_import_review(client, importing_editor, payload):
    response = client.post(
        IMPORT_URL, {"text": _hostile_announcement_text(PAYLOADS[payload]), "action": "review"}
    )

    assert response.status_code == 200
    assert_inert_html(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("payload", ["script-tag", "img-onerror", "script-breakout"])
def test_a_draft_imported_from_hostile_text_stores_only_escaped_rich_text(
    client, importing_editor, payload
):
    client.post(
        IMPORT_URL, {"text": _hostile_announcement_text(PAYLOADS[payload]), "action": "save"}
    )

    page = MeetingAnnouncementPage.objects.get()
    paragraphs = [block.value.source for block in page.body if block.block_type == "paragraph"]
    for source in paragraphs:
        assert_rich_text_only(source)
    assert "alert(1)" in " ".join(paragraphs)


@pytest.mark.django_db
def test_control_characters_in_pasted_text_are_refused_not_saved(client, importing_editor):
    text = _hostile_announcement_text("a\x00b\x01c")

    response = client.post(IMPORT_URL, {"text": text, "action": "save"})

    assert response.status_code == 200
    assert not MeetingAnnouncementPage.objects.exists()


# --- The widget -------------------------------------------------------------------------------


def test_the_widget_writes_api_data_as_text_never_as_markup():
    from pathlib import Path

    source = (
        Path(__file__).parent.parent / "meetings" / "static" / "meetings" / "widget.js"
    ).read_text()

    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink
    assert "textContent" in source


# --- Uploaded SVG -----------------------------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload_url", "model"),
    [("/admin/documents/multiple/add/", Document), ("/admin/images/multiple/add/", Image)],
    ids=["document", "image"],
)
def test_an_svg_is_refused_on_upload(client, admin_user, upload_url, model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    response = client.post(
        upload_url,
        {"files[]": SimpleUploadedFile("mapa.svg", SVG, content_type="image/svg+xml")},
    )

    assert not model.objects.exists()
    assert response.json()["success"] is False


@pytest.mark.django_db
def test_an_svg_document_already_stored_is_served_as_a_sandboxed_attachment(client):
    document = Document(title="Mapa")
    document.file.save("mapa.svg", ContentFile(SVG), save=False)
    document.save()

    response = client.get(document.url)

    assert document.url.startswith("/documents/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_are_served_through_wagtail_with_only_pdf_inline():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]
    assert settings.WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT is True
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
