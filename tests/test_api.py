"""Contract tests of /api/v1/. The Magiczny Kraków portal relies on these shapes: a change
that breaks one of these tests needs a new API version, not an edited test."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import announcement, meeting, warsaw

MEETING_KEYS = {
    "id",
    "locale",
    "translation_key",
    "topic",
    "start",
    "end",
    "when",
    "attendance_mode",
    "online_url",
    "status",
    "status_note",
    "registration",
    "venue",
    "spheres",
    "announcement",
    "html_url",
    "ics_url",
    "sequence",
    "outcome",
    "minutes",
    "translations",
}


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response


@pytest.mark.django_db
def test_a_meeting_has_the_documented_shape(client, demo):
    body = get(client, "/api/v1/meetings/", limit=1).json()

    assert set(body) == {"count", "limit", "offset", "items"}
    item = body["items"][0]
    assert set(item) == MEETING_KEYS
    assert item["start"] == "2025-06-10T17:00:00+02:00"
    assert item["end"] == "2025-06-10T19:00:00+02:00"
    assert item["when"] == "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00"
    assert item["venue"]["street_address"] == "ul. Dekerta 24"
    assert item["venue"]["floor"] == "III piętro"
    assert [s["number"] for s in item["spheres"]] == ["5", "5a", "9", "13", "15", "22", "26", "33"]
    assert set(item["registration"]) == {"required", "url", "email", "deadline"}
    assert item["html_url"].startswith("http://")
    assert item["html_url"].endswith(f"#meeting-{item['translation_key']}")
    assert item["ics_url"].endswith(f"/{item['translation_key']}.ics")
    assert item["announcement"]["title"].startswith("Spotkania branżowe dla trzeciego sektora")


@pytest.mark.django_db
def test_english_items_pair_with_polish_ones_and_have_english_relations(client, demo):
    polish = get(client, "/api/v1/meetings/", limit=2).json()["items"]
    english = get(client, "/api/v1/meetings/", locale="en", limit=2).json()["items"]

    assert [m["translation_key"] for m in english] == [m["translation_key"] for m in polish]
    assert all(m["locale"] == "en" for m in english)
    assert english[0]["venue"]["floor"] == "3rd floor"
    assert english[0]["spheres"][1]["name"] == "Activities for the integration of foreigners"
    link = polish[0]["translations"][0]
    assert link["locale"] == "en"
    assert link["id"] == english[0]["id"]
    assert link["api_url"].endswith(f"/api/v1/meetings/{english[0]['id']}/?locale=en")


@pytest.mark.django_db
def test_an_untranslated_meeting_is_left_out_of_the_other_language(client, index):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), topic="Tylko po polsku")])

    assert get(client, "/api/v1/meetings/").json()["count"] == 1
    assert get(client, "/api/v1/meetings/", locale="en").json()["count"] == 0


@pytest.mark.django_db
def test_meeting_filters(client, index):
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",), topic="A"),
            meeting(start=warsaw(2058, 7, 1), sphere_numbers=("16",), topic="B"),
            meeting(
                start=warsaw(2058, 7, 15, 10),
                sphere_numbers=("15", "16"),
                topic="C",
                attendance_mode="online",
                online_url="https://example.org",
                venue=None,
            ),
            meeting(
                start=warsaw(2020, 1, 1),
                sphere_numbers=("18",),
                topic="D",
                status="cancelled",
                status_note="x",
            ),
        ],
    )

    def topics(**params):
        return [m["topic"] for m in get(client, "/api/v1/meetings/", **params).json()["items"]]

    assert topics() == ["D", "A", "B", "C"]
    assert topics(sphere="dzieci-i-mlodziez") == ["A", "C"]
    assert topics(sphere=["15", "18"]) == ["D", "A", "C"]
    assert topics(**{"from": "2058-07-01"}) == ["B", "C"]
    assert topics(**{"to": "2058-07-01"}) == ["D", "A", "B"]
    assert topics(**{"from": "2058-07-15T09:00", "to": "2058-07-15T10:00"}) == ["C"]
    assert topics(**{"from": "2058-07-15T08:30:00+00:00"}) == []
    assert topics(status="cancelled") == ["D"]
    assert topics(attendance_mode="online") == ["C"]
    assert topics(q="c") == ["C"]
    assert topics(upcoming="true") == ["A", "B", "C"]
    assert topics(upcoming="false") == ["D"]
    assert topics(ordering="-start") == ["C", "B", "A", "D"]
    assert topics(limit=2, offset=1) == ["A", "B"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": 1000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**9}, "offset"),
        ({"from": "wczoraj"}, "from"),
        ({"sphere": "Nie ma"}, "sphere"),
        ({"sphere": ""}, "sphere"),
        ({"to": "0.5"}, "to"),
        ({"from": "1700000000"}, "from"),
        ({"status": "zawieszone"}, "status"),
        ({"locale": "de"}, "locale"),
        ({"upcoming": "może"}, "upcoming"),
        ({"venue": "abc"}, "venue"),
        ({"q": "x" * 500}, "q"),
        ({"sphere": ["15"] * 50}, "sphere"),
    ],
)
def test_bad_parameters_get_a_422_naming_them(client, db, params, parameter):
    response = client.get("/api/v1/meetings/", params)

    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert any(parameter in location for location in locations), locations


def test_an_unknown_sphere_is_a_404_that_names_it(client, db):
    response = client.get("/api/v1/meetings/", {"sphere": ["1", "nie-ma-takiej"]})

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No sphere nie-ma-takiej. A sphere is a slug or a legal number, as "
        "/api/v1/spheres/ lists them."
    }


@pytest.mark.django_db
def test_an_unknown_id_is_a_json_404(client, db):
    response = client.get("/api/v1/meetings/999999/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No public meeting with this id in this language."}


@pytest.mark.django_db
def test_spheres_in_legal_order_with_upcoming_counts(client, index):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15", "16"))])

    spheres = get(client, "/api/v1/spheres/", locale="en").json()
    one = get(client, "/api/v1/spheres/dzieci-i-mlodziez/").json()

    assert len(spheres) == 41
    assert [s["number"] for s in spheres[:4]] == ["1", "1a", "1aa", "1b"]
    counts = {s["slug"]: s["upcoming_meetings"] for s in spheres}
    assert counts["dzieci-i-mlodziez"] == 0  # the meeting has no English translation
    assert one["upcoming_meetings"] == 1
    assert one["name"].startswith("działalność na rzecz dzieci")
    assert client.get("/api/v1/spheres/nie-ma/").status_code == 404


@pytest.mark.django_db
def test_venues_organizers_and_schedule(client, demo):
    venues = get(client, "/api/v1/venues/", locale="en").json()
    organizers = get(client, "/api/v1/organizers/").json()
    schedule = get(client, "/api/v1/schedule/").json()

    assert {v["floor"] for v in venues} == {"3rd floor", "ground floor"}
    assert any(o["name"].startswith("Wydział Polityki Społecznej") for o in organizers)
    assert schedule["locale"] == "pl"
    first_day = schedule["days"][0]
    assert first_day["label"].endswith(")")
    assert all(m["start"].startswith(first_day["date"]) for m in first_day["meetings"])


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["unpublished", "private", "expired", "draft"])
def test_hidden_meetings_never_reach_the_api(client, home, index, state):
    from tests.test_leaks import make_hidden

    states = {"draft": "neverpublished"}
    marker, page = make_hidden(states.get(state, state), index, home)
    meeting_ids = list(page.meetings.values_list("pk", flat=True))

    for url in (
        "/api/v1/meetings/",
        "/api/v1/schedule/",
        f"/api/v1/meetings/?announcement={page.pk}",
    ):
        assert marker not in client.get(url, {"q": ""}).content.decode(), url
    for meeting_id in meeting_ids:
        assert client.get(f"/api/v1/meetings/{meeting_id}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/meetings/?limit={n}", "/api/v1/schedule/?x={n}"])
def test_list_queries_do_not_grow_with_the_number_of_items(client, index, url):
    def queries_for(n):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url.format(n=n))
        assert response.status_code == 200
        body = response.json()
        if "items" in body:
            assert body["count"] == n
            listed = len(body["items"])
        else:
            listed = sum(len(day["meetings"]) for day in body["days"])
        assert listed == n, "the list must hold every meeting, or it measures nothing"
        return len(captured)

    def soon(days, hour=17):
        # Within the schedule's next 60 days, whatever the date the tests run on.
        day = timezone.localdate() + timedelta(days=days)
        return warsaw(day.year, day.month, day.day, hour)

    announcement(index, meetings=[meeting(start=soon(1))])
    queries_for(1)  # warms the site-root cache, as any running server has
    one = queries_for(1)
    announcement(index, meetings=[meeting(start=soon(2 + i % 30, 8 + i % 10)) for i in range(49)])

    assert queries_for(50) == one


@pytest.mark.django_db
def test_the_openapi_document_describes_every_endpoint(client, db):
    document = get(client, "/api/v1/openapi.json").json()

    assert document["info"]["title"] == "Spotkania API"
    assert set(document["paths"]) >= {
        "/api/v1/meetings/",
        "/api/v1/meetings/{meeting_id}/",
        "/api/v1/spheres/",
        "/api/v1/spheres/{slug}/",
        "/api/v1/venues/",
        "/api/v1/organizers/",
        "/api/v1/schedule/",
    }
    assert client.get("/api/v1/docs").status_code == 200


def _operations(document):
    return {
        operation["operationId"]: operation
        for item in document["paths"].values()
        for operation in item.values()
    }


@pytest.mark.django_db
def test_the_openapi_document_names_every_answer_for_generated_clients(client, db):
    document = get(client, "/api/v1/openapi.json").json()
    operations = _operations(document)
    schemas = document["components"]["schemas"]

    assert set(operations) == {
        "list_meetings",
        "get_meeting",
        "list_spheres",
        "get_sphere",
        "list_venues",
        "get_venue",
        "list_organizers",
        "get_organizer",
        "get_schedule",
        "list_announcements",
        "get_announcement",
        "get_preview",
        "list_changes",
    }
    validation = {"$ref": "#/components/schemas/ValidationErrors"}
    for name, operation in operations.items():
        responses = operation["responses"]
        assert responses["422"]["content"]["application/json"]["schema"] == validation, name
        assert responses["429"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }, name
        assert ("304" in responses) is (name != "get_preview"), name
        for parameter in operation.get("parameters", []):
            assert "allOf" not in parameter["schema"], (name, parameter["name"])
    assert schemas["ValidationErrors"]["properties"]["detail"]["items"] == {
        "$ref": "#/components/schemas/ParameterError"
    }
    locale = next(p for p in operations["list_meetings"]["parameters"] if p["name"] == "locale")
    assert locale["schema"] == {"$ref": "#/components/schemas/Locale", "default": "pl"}
    assert schemas["Locale"]["enum"] == ["pl", "en", "uk"]
    meeting = schemas["Meeting"]["properties"]
    assert meeting["id"] == {"title": "Id", "type": "integer"}
    assert meeting["status"] == {"$ref": "#/components/schemas/MeetingStatus"}
    assert meeting["attendance_mode"] == {"$ref": "#/components/schemas/AttendanceMode"}
    assert meeting["locale"] == {"$ref": "#/components/schemas/Locale"}
    # Only a draft in the preview may hold what has no id yet.
    assert {"type": "null"} in schemas["PreviewMeeting"]["properties"]["id"]["anyOf"]


@pytest.mark.django_db
@pytest.mark.parametrize("locale", [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES])
def test_the_answer_is_in_its_locale_whatever_the_browser_asks_for(client, demo, locale):
    other = "en" if locale == "pl" else "pl"
    for url in ["/api/v1/meetings/", "/api/v1/spheres/", "/api/v1/schedule/"]:
        response = client.get(url, {"locale": locale}, HTTP_ACCEPT_LANGUAGE=other)

        assert response.status_code == 200
        assert response["Content-Language"] == locale, url
        assert "accept-language" not in response.get("Vary", "").lower(), url
    meetings = client.get("/api/v1/meetings/", {"locale": locale}).json()["items"]
    assert {item["locale"] for item in meetings} == {locale}
    error = client.get("/api/v1/meetings/", {"locale": locale, "limit": 0})
    assert error.status_code == 422
    assert error["Content-Language"] == "en"


ANNOUNCEMENT_KEYS = {
    "id",
    "locale",
    "translation_key",
    "title",
    "slug",
    "lead",
    "publication_date",
    "first_published_at",
    "last_published_at",
    "html_url",
    "consultation",
    "organizers",
    "meetings",
    "translations",
}


@pytest.mark.django_db
def test_announcements_have_the_documented_shape_and_pair_across_languages(client, demo):
    polish = get(client, "/api/v1/announcements/").json()
    english = get(client, "/api/v1/announcements/", locale="en").json()

    assert polish["count"] == english["count"] == 2
    item = next(i for i in polish["items"] if i["slug"].startswith("spotkania-branzowe"))
    assert set(item) == ANNOUNCEMENT_KEYS
    assert item["publication_date"] == "2025-06-10"
    assert [o["name"] for o in item["organizers"]] == [
        "Wydział Polityki Społecznej, Równości i Zdrowia",
        "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych",
    ]
    assert [m["start"][:10] for m in item["meetings"]] == ["2025-06-10", "2025-06-24"]
    assert item["consultation"]["title"].startswith("Program Współpracy")
    twin = next(i for i in english["items"] if i["translation_key"] == item["translation_key"])
    assert twin["organizers"][0]["name"] == "Department of Social Policy, Equality and Health"
    others = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES[1:]]
    assert [link["locale"] for link in item["translations"]] == others
    for link in item["translations"]:
        other = get(client, "/api/v1/announcements/", locale=link["locale"]).json()["items"]
        twin = next(i for i in other if i["translation_key"] == item["translation_key"])
        assert link == {
            "locale": twin["locale"],
            "id": twin["id"],
            "api_url": f"http://testserver/api/v1/announcements/{twin['id']}/?locale={twin['locale']}",
        }


@pytest.mark.django_db
def test_a_consultation_not_yet_translated_is_given_as_linked_like_on_the_page(client, demo):
    from meetings.models import Consultation, MeetingAnnouncementPage

    polish_consultation = Consultation.objects.get(locale__language_code="pl")
    english_pages = MeetingAnnouncementPage.objects.filter(locale__language_code="en")
    english_pages.update(consultation=polish_consultation)
    Consultation.objects.filter(locale__language_code="en").delete()

    items = get(client, "/api/v1/announcements/", locale="en").json()["items"]
    linked = [i for i in items if i["consultation"]]
    page = client.get(english_pages.get(pk=linked[0]["id"]).url)

    assert len(linked) == english_pages.filter(consultation__isnull=False).count() >= 1
    assert {i["consultation"]["title"] for i in linked} == {polish_consultation.title}
    assert polish_consultation.title in page.content.decode()


@pytest.mark.django_db
def test_an_announcement_body_comes_as_typed_blocks_with_absolute_urls(client, index, schedule):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Sala", file=get_test_image_file(size=(1200, 800)))
    page = announcement(
        index,
        body=[
            ("paragraph", f'<p>Zobacz <a linktype="page" id="{schedule.pk}">harmonogram</a>.</p>'),
            ("heading", {"text": "Dojazd", "level": "h2"}),
            (
                "image",
                {"image": image, "alt_text": "Sala obrad", "decorative": False, "caption": "Sala"},
            ),
            ("call_to_action", {"text": "Harmonogram", "page": schedule, "url": ""}),
        ],
    )

    body = get(client, f"/api/v1/announcements/{page.pk}/").json()["body"]

    assert [b["type"] for b in body] == ["paragraph", "heading", "image", "call_to_action"]
    assert 'href="http://localhost/harmonogram/"' in body[0]["html"]
    assert body[1] == {"type": "heading", "id": body[1]["id"], "text": "Dojazd", "level": "h2"}
    assert body[2]["image"]["width"] == 960
    assert body[2]["image"]["height"] == 640
    assert body[2]["image"]["url"].startswith("http://localhost/media/images/")
    assert body[2]["alt"] == "Sala obrad"
    assert body[3]["url"] == "http://localhost/harmonogram/"


@pytest.mark.django_db
def test_hidden_announcements_never_reach_the_api(client, home, index):
    from tests.test_leaks import HIDDEN_STATES, make_hidden

    hidden = [
        make_hidden(state, index, home) for state in HIDDEN_STATES if state != "privateparent"
    ]

    listing = client.get("/api/v1/announcements/").content.decode()
    for marker, page in hidden:
        assert marker not in listing
        detail = client.get(f"/api/v1/announcements/{page.pk}/")
        if marker in detail.content.decode():
            pytest.fail(f"{marker} leaks through its detail endpoint")


@pytest.mark.django_db
def test_announcement_list_queries_do_not_grow_with_the_number_of_items(client, index):
    def queries_for(n):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/announcements/?limit={n}").status_code == 200
        return len(captured)

    announcement(index, title="Pierwsze")
    queries_for(1)  # warms the site-root cache, as any running server has
    one = queries_for(1)
    for number in range(49):
        announcement(index, title=f"Ogłoszenie {number}")

    assert queries_for(50) == one


@pytest.mark.django_db
def test_conditional_get_answers_304_without_running_the_view(client, index, pinned_clock):
    # The ETag changes with the five-minute bucket and the date: the clock stands still.
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    first = client.get("/api/v1/meetings/")

    with CaptureQueriesContext(connection) as captured:
        again = client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""
    assert len(captured) == 1  # the publication state, nothing else


@pytest.mark.django_db
def test_the_portals_origin_may_read_the_api_and_others_may_not(client):
    allowed = client.get("/api/v1/spheres/", HTTP_ORIGIN="https://www.krakow.pl")
    other = client.get("/api/v1/spheres/", HTTP_ORIGIN="https://evil.example")
    page = client.get("/", HTTP_ORIGIN="https://www.krakow.pl")

    assert allowed["Access-Control-Allow-Origin"] == "https://www.krakow.pl"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in page


def preview_token(client, user, index, **form):
    """Preview an unsaved announcement in the admin's "portal" mode; return its token."""
    import re as regex

    from django.urls import reverse

    from tests.factories import OrganizerFactory, VenueFactory
    from tests.test_editorial_workflow import announcement_form, two_meetings

    client.force_login(user)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("meetings", "meetingannouncementpage", index.pk),
    )
    data = announcement_form(
        meetings=two_meetings(VenueFactory()), organizer=OrganizerFactory(), **form
    )
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url, {"mode": "portal"})
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    client.logout()
    return regex.search(r"<code>([^<]+)</code>", response.content.decode()).group(1)


@pytest.mark.django_db
def test_the_portal_exchanges_a_preview_token_for_the_draft(client, admin_user, index):
    token = preview_token(client, admin_user, index, title="Szkic do podglądu")

    response = client.get("/api/v1/preview/", {"token": token})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    body = response.json()
    assert body["title"] == "Szkic do podglądu"
    assert [m["topic"] for m in body["meetings"]] == ["Pierwsze spotkanie", "Drugie spotkanie"]
    assert body["meetings"][0]["when"] == "10 czerwca 2058 r. (poniedziałek), godz. 17:00–19:00"
    assert [s["number"] for s in body["meetings"][0]["spheres"]] == ["5", "15"]
    assert "Szkic do podglądu" not in client.get("/api/v1/announcements/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["missing", "garbage", "tampered", "foreign", "expired"])
def test_no_draft_without_a_valid_token(client, admin_user, index, settings, kind):
    from django.core import signing

    token = preview_token(client, admin_user, index, title="Tajny szkic")
    params = {
        "missing": {},
        "garbage": {"token": "nie-token"},
        "tampered": {"token": token[:-2] + ("AA" if not token.endswith("AA") else "BB")},
        "foreign": {"token": signing.dumps({"preview": 1}, salt="something-else")},
        "expired": {"token": token},
    }[kind]
    if kind == "expired":
        settings.MEETINGS_HEADLESS_PREVIEW_MAX_AGE = -1

    response = client.get("/api/v1/preview/", params)

    assert response.status_code in {403, 422}
    assert "Tajny szkic" not in response.content.decode()


@pytest.mark.django_db
def test_publishing_purges_the_api_urls_from_the_frontend_cache(index, settings):
    from tests import frontend_cache

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}
    frontend_cache.PURGED.clear()

    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    meeting_id = page.meetings.get().pk

    assert "http://localhost/api/v1/meetings/" in frontend_cache.PURGED
    assert "http://localhost/api/v1/schedule/?locale=pl" in frontend_cache.PURGED
    assert f"http://localhost/api/v1/announcements/{page.pk}/" in frontend_cache.PURGED
    assert f"http://localhost/api/v1/meetings/{meeting_id}/?locale=pl" in frontend_cache.PURGED
    assert page.url in {url.removeprefix("http://localhost") for url in frontend_cache.PURGED}

    frontend_cache.PURGED.clear()
    page.unpublish()

    assert f"http://localhost/api/v1/announcements/{page.pk}/" in frontend_cache.PURGED


@pytest.mark.django_db
def test_publishing_purges_the_feeds_and_listings_from_the_frontend_cache(
    index, schedule, settings
):
    from tests import frontend_cache

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}
    frontend_cache.PURGED.clear()

    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    key = page.meetings.get().translation_key

    assert "http://localhost/harmonogram/feed.ics" in frontend_cache.PURGED
    assert "http://localhost/harmonogram/feed.ics?sphere=dzieci-i-mlodziez" in frontend_cache.PURGED
    assert "http://localhost/harmonogram/sfera/dzieci-i-mlodziez/" in frontend_cache.PURGED
    assert "http://localhost/ogloszenia/rss.xml" in frontend_cache.PURGED
    assert "http://localhost/ogloszenia/" in frontend_cache.PURGED
    assert f"http://localhost{page.url}{key}.ics" in frontend_cache.PURGED

    frontend_cache.PURGED.clear()
    page.unpublish()

    assert "http://localhost/harmonogram/feed.ics" in frontend_cache.PURGED
    assert f"http://localhost{page.url}{key}.ics" in frontend_cache.PURGED


@pytest.mark.django_db
def test_spheres_venues_and_organizers_link_their_translations(client, demo):
    sphere = get(client, "/api/v1/spheres/dzieci-i-mlodziez/").json()
    venues = get(client, "/api/v1/venues/").json()
    organizers = get(client, "/api/v1/organizers/").json()

    others = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES[1:]]
    assert [link["locale"] for link in sphere["translations"]] == others
    for link in sphere["translations"]:
        assert link["api_url"].endswith(f"/spheres/dzieci-i-mlodziez/?locale={link['locale']}")
    for items, path in ((venues, "venues"), (organizers, "organizers")):
        for item in items:
            assert [link["locale"] for link in item["translations"]] == others
            for link in item["translations"]:
                twin = get(client, f"/api/v1/{path}/{link['id']}/", locale=link["locale"]).json()
                assert twin["translation_key"] == item["translation_key"]
                assert twin["locale"] == link["locale"]
    assert client.get("/api/v1/venues/999999/").status_code == 404
    assert client.get(f"/api/v1/venues/{venues[0]['id']}/", {"locale": "en"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/announcements/181569978326838025572581376/",
        "/api/v1/meetings/9223372036854775808/",
        "/api/v1/meetings/?announcement=9223372036854775808",
        "/api/v1/meetings/?venue=-1",
        "/api/v1/meetings/?sphere=%00",
        "/api/v1/meetings/?q=%00",
        "/api/v1/announcements/?q=%00",
        "/api/v1/spheres/%00/",
        "/api/v1/preview/?token=%00",
        "/api/v1/meetings/?q=%F0%9F%92%A9%E2%80%AE",
        "/api/v1/spheres/a%2Fb/",
        "/api/v2/meetings/",
    ],
)
def test_hostile_numbers_and_bytes_get_a_4xx_json_answer(client, db, url):
    response = client.get(url)

    assert 400 <= response.status_code < 500 or response.status_code == 200, url
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_every_read_answers_head_as_it_answers_get(client, demo):
    """The paths of the OpenAPI document itself, with a first item's id where one is needed."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    ids = {
        "{meeting_id}": get(client, "/api/v1/meetings/").json()["items"][0]["id"],
        "{announcement_id}": get(client, "/api/v1/announcements/").json()["items"][0]["id"],
        "{slug}": get(client, "/api/v1/spheres/").json()[0]["slug"],
        "{venue_id}": get(client, "/api/v1/venues/").json()[0]["id"],
        "{organizer_id}": get(client, "/api/v1/organizers/").json()[0]["id"],
    }
    readable = [path for path, operations in paths.items() if "preview" not in path]
    assert len(readable) >= 8
    for path in readable:
        assert list(paths[path]) == ["get"], path
        url = path
        for placeholder, value in ids.items():
            url = url.replace(placeholder, str(value))
        got, head = client.get(url), client.head(url)

        assert (head.status_code, head["Content-Type"]) == (200, got["Content-Type"]), url
        assert head.get("ETag") == got.get("ETag"), url  # the change feed has none
        assert head.content == b"", url
        assert client.post(url).status_code == 405, url


def test_the_documented_years_are_those_the_filters_take():
    import re

    from meetings.api.parameters import YEARS_PATTERN
    from meetings.forms import EARLIEST_DATE, LATEST_DATE

    def documented(year: int) -> bool:
        return bool(re.match(YEARS_PATTERN, f"{year:04}-01-01"))

    assert documented(EARLIEST_DATE.year) and documented(LATEST_DATE.year)
    assert not documented(EARLIEST_DATE.year - 1) and not documented(LATEST_DATE.year + 1)
