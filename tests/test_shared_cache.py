"""The shared response cache (cms.http_cache) on a real Redis: what it serves, and when it stops.

Redis database 15 at 127.0.0.1:6379 (TEST_REDIS_URL), with a key prefix of this test's own, so
that concurrent runs do not meet; the keys are deleted afterwards. Changes that the public sees
invalidate on commit: they run inside ``django_capture_on_commit_callbacks(execute=True)``, as
the commit of an editor's request would run them.
"""

import logging
import re
import socket
import threading
import uuid

import pytest
import redis
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from cms.redis_cache import OutageAwareConnection
from meetings.models import Meeting, MeetingAnnouncementPage, SchedulePage
from tests.factories import announcement, english, meeting, warsaw
from tests.redis_support import TEST_REDIS_URL, redis_cache

CLOSED_PORT_URL = "redis://127.0.0.1:6390/0"


@pytest.fixture
def page(index, schedule):
    return announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10), topic="Konsultacje budzetu")]
    )


def public_urls(page) -> list[str]:
    meeting_ = page.meetings.get()
    sphere = meeting_.spheres.get()
    return [
        "/",
        page.url,
        page.url + f"{meeting_.translation_key}.ics",
        "/ogloszenia/rss.xml",
        "/harmonogram/",
        f"/harmonogram/sfera/{sphere.slug}/",
        "/harmonogram/feed.ics",
        "/api/v1/meetings/",
        f"/api/v1/announcements/{page.pk}/",
    ]


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def warm(client, urls):
    for url in urls:
        fetch(client, url)
        assert fetch(client, url)["X-Cache"] == "hit", url


def publish_topic(page, topic):
    page = MeetingAnnouncementPage.objects.get(pk=page.pk)
    meetings = list(page.meetings.all())
    meetings[0].topic = topic
    page.meetings = meetings
    page.save_revision().publish()


@pytest.mark.django_db
def test_a_second_anonymous_get_is_served_from_the_shared_cache(client, shared_cache, page):
    for url in public_urls(page):
        first = fetch(client, url)
        second = fetch(client, url)

        assert first["X-Cache"] == "miss", url
        assert second["X-Cache"] == "hit", url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url


@pytest.mark.django_db
def test_english_pages_and_other_queries_have_entries_of_their_own(client, shared_cache, page):
    fetch(client, "/api/v1/meetings/")

    assert fetch(client, "/api/v1/meetings/?locale=en")["X-Cache"] == "miss"
    assert fetch(client, "/api/v1/meetings/?limit=1")["X-Cache"] == "miss"
    assert fetch(client, "/en/")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_cached_api_responses_keep_their_validators_and_conditional_gets(
    client, shared_cache, page
):
    first = fetch(client, "/api/v1/meetings/")
    second = fetch(client, "/api/v1/meetings/")
    conditional = client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=second["ETag"])

    assert second["X-Cache"] == "hit"
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert conditional.status_code == 304


@pytest.mark.django_db
def test_publishing_a_change_makes_every_cached_url_miss_with_fresh_content(
    client, shared_cache, commit, page
):
    urls = public_urls(page)
    warm(client, urls)

    with commit():
        publish_topic(page, "Konsultacje sportu")

    responses = {url: fetch(client, url) for url in urls}

    assert {url: r["X-Cache"] for url, r in responses.items()} == dict.fromkeys(urls, "miss")
    for url in set(urls) - {"/", "/ogloszenia/rss.xml"}:  # these show no topics
        assert "Konsultacje sportu" in responses[url].content.decode(), url
        assert "Konsultacje budzetu" not in responses[url].content.decode(), url


@pytest.mark.django_db
def test_unpublishing_removes_the_announcement_everywhere_at_once(
    client, shared_cache, commit, page
):
    urls = public_urls(page)
    warm(client, urls)

    with commit():
        page.unpublish()

    assert client.get(page.url).status_code == 404
    for url in ["/harmonogram/", "/harmonogram/feed.ics", "/api/v1/meetings/"]:
        response = fetch(client, url)
        assert response["X-Cache"] == "miss", url
        assert "Konsultacje budzetu" not in response.content.decode(), url


@pytest.mark.django_db
def test_deleting_removes_the_announcement_everywhere_at_once(client, shared_cache, commit, page):
    url = page.url
    warm(client, [url, "/api/v1/meetings/"])

    with commit():
        page.delete()

    assert client.get(url).status_code == 404
    response = fetch(client, "/api/v1/meetings/")
    assert response["X-Cache"] == "miss"
    assert response.json()["items"] == []


@pytest.mark.django_db
def test_editing_a_venue_shows_the_new_name_at_once(client, shared_cache, commit, page):
    warm(client, [page.url, "/api/v1/meetings/"])
    venue = page.meetings.get().venue

    with commit():
        venue.name = "Sala Obrad Rady Miasta"
        venue.save()

    for url in [page.url, "/api/v1/meetings/"]:
        response = fetch(client, url)
        assert response["X-Cache"] == "miss", url
        assert "Sala Obrad Rady Miasta" in response.content.decode(), url


@pytest.mark.django_db
def test_replacing_a_documents_file_links_the_new_file_at_once(client, shared_cache, commit, page):
    document = Document(title="Protokół ze spotkania")
    document.file.save("protokol.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False)
    with commit():
        document.save()
        Meeting.objects.filter(page=page).update(minutes_document=document)
    urls = [page.url, "/api/v1/meetings/"]
    warm(client, urls)

    with commit():
        document.file.save("protokol-poprawiony.pdf", ContentFile(b"%PDF-1.4 v2"), save=False)
        document.save()

    for url in urls:
        response = fetch(client, url)
        assert response["X-Cache"] == "miss", url
        assert document.url in response.content.decode(), url


@pytest.mark.django_db
def test_a_change_rolled_back_or_not_yet_committed_invalidates_nothing(
    client, shared_cache, django_capture_on_commit_callbacks, page
):
    warm(client, [page.url])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_topic(page, "Konsultacje sportu")

    assert callbacks  # the bump waits for the commit
    assert fetch(client, page.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_losing_the_version_from_the_cache_rereads_it_without_a_general_miss(
    client, shared_cache, commit, page
):
    from django.core.cache import cache

    from meetings.publication import VERSION_KEY

    with commit():
        publish_topic(page, "Konsultacje sportu")
    warm(client, [page.url])

    cache.delete(VERSION_KEY)

    assert fetch(client, page.url)["X-Cache"] == "hit"
    with commit():
        publish_topic(page, "Konsultacje kultury")
    assert "Konsultacje kultury" in fetch(client, page.url).content.decode()


@pytest.mark.django_db
def test_logged_in_editors_are_never_served_or_stored(client, admin_client, shared_cache, page):
    fetch(client, page.url)

    for _ in range(2):
        editor = fetch(admin_client, page.url)
        assert "X-Cache" not in editor
        assert "wagtail-userbar" in editor.content.decode()
    assert "wagtail-userbar" not in fetch(client, page.url).content.decode()


@pytest.mark.django_db
def test_an_editors_page_is_not_stored_for_visitors(client, admin_client, shared_cache, page):
    fetch(admin_client, page.url)

    visitor = fetch(client, page.url)

    assert visitor["X-Cache"] == "miss"
    assert "wagtail-userbar" not in visitor.content.decode()


@pytest.mark.django_db
def test_headless_previews_are_never_cached(client, admin_user, shared_cache, index):
    from tests.test_api import preview_token

    token = preview_token(client, admin_user, index, title="Szkic do podglądu")

    for _ in range(2):
        response = fetch(client, f"/api/v1/preview/?token={token}")
        assert "X-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/szukaj/?q=konsultacje", "/en/search/?q=x", "/admin/login/"])
def test_search_and_the_admin_are_never_cached(client, shared_cache, page, url):
    for _ in range(2):
        response = client.get(url)
        assert "X-Cache" not in response


@pytest.mark.django_db
def test_a_restricted_pages_content_never_comes_from_the_cache(client, shared_cache, commit, page):
    warm(client, [page.url])

    with commit():
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
        )

    for _ in range(2):
        response = fetch(client, page.url)
        assert "Konsultacje budzetu" not in response.content.decode()
        assert response["X-Cache"] == "miss"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_visitor_who_gave_the_password_does_not_open_the_page_to_others(
    client, shared_cache, page
):
    from django.test import Client

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
    )
    insider = Client()
    insider.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "tajne-haslo", "return_url": page.url},
    )

    assert "Konsultacje budzetu" in fetch(insider, page.url).content.decode()
    for _ in range(2):
        assert "Konsultacje budzetu" not in fetch(client, page.url).content.decode()


@pytest.mark.django_db
def test_a_sync_that_only_reads_the_source_changes_nothing_public(
    client, admin_client, shared_cache, commit, page
):
    from wagtail_localize.models import TranslationSource

    from tests.test_translation import translate_tree

    english_page = translate_tree(page)
    with commit():
        page.lead = "Nowy lead"
        page.save_revision().publish()
    warm(client, [english_page.url])
    source = TranslationSource.objects.get_for_instance(page)

    with commit():
        response = admin_client.post(f"/admin/localize/update/{source.pk}/")

    assert response.status_code == 302
    assert fetch(client, english_page.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_a_sync_that_publishes_the_translation_is_seen_at_once(client, shared_cache, commit, page):
    from meetings.translation import translate
    from tests.test_translation import english_for_everything, translate_tree

    english_page = translate_tree(page)
    with commit():
        publish_topic(page, "Konsultacje sportu")
    warm(client, [english_page.url, "/api/v1/meetings/?locale=en"])

    with commit():
        translate(page, locale=english(), strings=english_for_everything(page))

    for url in [english_page.url, "/api/v1/meetings/?locale=en"]:
        response = fetch(client, url)
        assert response["X-Cache"] == "miss", url
        assert "EN Konsultacje sportu" in response.content.decode(), url


@pytest.mark.django_db
def test_hits_and_304s_reuse_the_processs_redis_client(client, shared_cache, page, monkeypatch):
    """Django's own Redis cache builds a client (and its callback table) for every call."""
    etag = fetch(client, "/api/v1/meetings/")["ETag"]
    warm(client, [page.url])
    built = []
    build = redis.Redis.__init__
    monkeypatch.setattr(
        redis.Redis, "__init__", lambda self, *a, **kw: built.append(1) or build(self, *a, **kw)
    )

    hits = [fetch(client, page.url)["X-Cache"] for _ in range(3)]
    not_modified = [
        client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)
    ]

    assert hits == ["hit"] * 3
    assert not_modified == [304] * 3
    assert built == []


@pytest.mark.django_db
def test_pages_and_the_api_are_served_while_redis_is_down(
    client, settings, monkeypatch, caplog, page
):
    monkeypatch.setattr(OutageAwareConnection, "outages", {})
    settings.CACHES = redis_cache(CLOSED_PORT_URL, "spotkania-down")
    settings.MEETINGS_RESPONSE_CACHE_SECONDS = 300

    with caplog.at_level(logging.WARNING, logger="meetings.publication"):
        responses = [client.get(url) for url in public_urls(page) * 2]

    assert [r.status_code for r in responses] == [200] * len(responses)
    assert {r["X-Cache"] for r in responses} == {"miss"}
    assert len([r for r in caplog.records if "Redis cache unavailable" in r.message]) == 1


@pytest.fixture
def hung_redis():
    """A server that accepts connections and never answers, counting the connections."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0", accepted
    server.close()
    for client in accepted:
        client.close()


@pytest.mark.django_db
def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(
    client, settings, monkeypatch, caplog, page, hung_redis
):
    address, accepted = hung_redis
    monkeypatch.setattr(OutageAwareConnection, "outages", {})
    settings.CACHES = redis_cache(address, "spotkania-hung")
    settings.CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"] = 0.2
    settings.MEETINGS_RESPONSE_CACHE_SECONDS = 300

    with caplog.at_level(logging.WARNING, logger="cms.redis_cache"):
        responses = [client.get(url) for url in public_urls(page) * 2]

    assert [r.status_code for r in responses] == [200] * len(responses)
    assert len(accepted) == 1
    assert [r.message for r in caplog.records if r.name == "cms.redis_cache"] == [
        "Redis cache unavailable, serving without it: Timeout reading from socket"
    ]


@pytest.mark.django_db
def test_the_response_cache_is_no_error_when_djangos_own_redis_cache_is_down(client, settings):
    """Django's RedisCache raises while Redis is down (and Wagtail's page URLs then fail, which
    is why the settings ignore its errors); the response cache itself serves uncached."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.MEETINGS_RESPONSE_CACHE_SECONDS = 300

    responses = [client.get("/api/v1/spheres/") for _ in range(2)]

    assert [r.status_code for r in responses] == [200, 200]
    assert "X-Cache" not in responses[1]


UNCACHED = {"HTTP_AUTHORIZATION": "Bench uncached"}  # never answered by the response cache


def list_queries(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **UNCACHED)
    assert response.status_code == 200
    assert "X-Cache" not in response
    return len(captured), response.json()


@pytest.mark.django_db
def test_the_meetings_list_renders_each_meeting_once_per_version(client, shared_cache, index):
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10 + i), sphere_numbers=("15", "5a")) for i in range(3)
        ],
    )
    url = "/api/v1/meetings/?limit=3&sphere=15"
    list_queries(client, "/api/v1/spheres/")  # Wagtail keeps its site root paths

    cold_queries, cold = list_queries(client, url)
    warm_queries, warm = list_queries(client, url)
    one_queries, one = list_queries(client, "/api/v1/meetings/?limit=1&sphere=15")
    two_queries, _ = list_queries(client, "/api/v1/meetings/?limit=2&sphere=15")

    assert warm == cold
    assert cold["count"] == 3 and len(cold["items"]) == 3
    assert one["items"] == cold["items"][:1]
    # Warm: no query for the meetings' relations, nor for the count of this filter (which
    # does not depend on the page size), whatever the page size.
    assert warm_queries <= cold_queries - 5
    assert one_queries == two_queries == warm_queries


@pytest.mark.django_db
def test_the_pre_rendered_list_is_what_the_schema_makes_of_it(client, shared_cache, page):
    from meetings.api.schemas import MeetingList

    for _ in range(2):  # rendered, then from the kept fragments
        for url in ("/api/v1/meetings/", "/api/v1/meetings/?locale=en"):
            data = list_queries(client, url)[1]
            assert MeetingList.model_validate(data).model_dump(mode="json") == data, url


@pytest.mark.django_db
def test_publishing_refreshes_rendered_meetings_and_counts_at_once(
    client, shared_cache, commit, index, page
):
    url = "/api/v1/meetings/?sphere=15"
    list_queries(client, url)
    list_queries(client, url)

    with commit():
        publish_topic(page, "Konsultacje sportu")
        announcement(index, meetings=[meeting(start=warsaw(2058, 7, 1))])
    data = list_queries(client, url)[1]

    assert data["count"] == 2
    assert [item["topic"] for item in data["items"]][0] == "Konsultacje sportu"


@pytest.mark.django_db
def test_with_the_render_cache_off_every_list_is_rendered_afresh(
    client, shared_cache, settings, page
):
    settings.MEETINGS_RENDER_CACHE = False
    url = "/api/v1/meetings/?sphere=15"
    list_queries(client, "/api/v1/meetings/?limit=1")  # Wagtail keeps its site root paths

    first_queries, first = list_queries(client, url)
    again_queries, again = list_queries(client, url)

    assert again == first
    assert again_queries == first_queries


@pytest.fixture
def long_feed(monkeypatch, index, schedule):
    """An announcement whose three meetings make the schedule's feed stream (two chunks)."""
    from meetings import views

    monkeypatch.setattr(views, "FEED_CHUNK", 2)
    return announcement(index, meetings=[meeting(start=warsaw(2058, 6, day)) for day in (1, 2, 3)])


@pytest.mark.django_db
def test_a_streamed_feed_is_kept_once_it_has_all_gone_out(client, shared_cache, long_feed):
    url = "/harmonogram/feed.ics"

    first = client.get(url)
    assert first.streaming and first["X-Cache"] == "miss"
    streamed = b"".join(first.streaming_content)
    second = fetch(client, url)

    assert second["X-Cache"] == "hit"
    assert second.content == streamed
    assert second["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.django_db
def test_a_streamed_feed_longer_than_the_limit_or_not_read_to_its_end_is_not_kept(
    client, shared_cache, settings, long_feed
):
    url = "/harmonogram/feed.ics"
    abandoned = iter(client.get(url).streaming_content)
    next(abandoned)
    del abandoned  # the client stops reading: the stream is closed before its end
    settings.MEETINGS_RESPONSE_CACHE_MAX_BYTES = 1000

    assert client.get(url)["X-Cache"] == "miss"
    b"".join(client.get(url).streaming_content)
    assert client.get(url)["X-Cache"] == "miss"


def feed_queries(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **UNCACHED)
        assert response.status_code == 200 and response.streaming
        body = b"".join(response.streaming_content)
    return len(captured), body


@pytest.mark.django_db
def test_a_feed_renders_each_meetings_event_once_per_version(
    client, shared_cache, commit, long_feed
):
    page = long_feed
    url = "/harmonogram/feed.ics"
    list_queries(client, "/api/v1/spheres/")  # Wagtail keeps its site root paths

    cold_queries, cold = feed_queries(client, url)
    warm_queries, warm = feed_queries(client, url)
    with commit():
        publish_topic(page, "Konsultacje sportu")
    _queries, after = feed_queries(client, url)

    assert warm == cold
    assert warm_queries <= cold_queries - 6  # two chunks, each without its meetings' queries
    assert cold.count(b"BEGIN:VEVENT") == 3
    assert b"Konsultacje sportu" in after and b"Konsultacje sportu" not in cold


def stored_responses(prefix: str) -> int:
    server = redis.Redis.from_url(TEST_REDIS_URL)
    return len(list(server.scan_iter(match=f"{prefix}:*:meetings:response:*")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/harmonogram/", "/harmonogram/feed.ics", "/api/v1/meetings/?limit=1"]
)
def test_parameters_the_view_does_not_read_are_served_from_the_clean_addresss_entry(
    client, shared_cache, page, url
):
    clean = fetch(client, url)
    separator = "&" if "?" in url else "?"

    for junk in ("utm_source=newsletter", "a=1", "a=2&b=3", "fbclid=x"):
        response = fetch(client, f"{url}{separator}{junk}")
        assert response["X-Cache"] == "hit", junk
        assert response.content == clean.content, junk
    assert stored_responses(shared_cache) == 1


@pytest.mark.django_db
def test_addresses_with_unknown_parameters_add_no_entries(client, shared_cache, page):
    for number in range(20):
        assert fetch(client, f"/harmonogram/?a={number}")["X-Cache"] == "miss"

    assert stored_responses(shared_cache) == 0
    assert fetch(client, "/harmonogram/")["X-Cache"] == "miss"
    assert stored_responses(shared_cache) == 1


@pytest.mark.django_db
def test_a_page_rendered_for_unknown_parameters_is_not_served_to_others(client, shared_cache, page):
    fetch(client, "/harmonogram/?mode=in_person&utm_campaign=zaproszenie")

    response = fetch(client, "/harmonogram/?mode=in_person")

    assert response["X-Cache"] == "miss"
    assert "zaproszenie" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "/harmonogram/?status=planned&mode=in_person",
            "/harmonogram/?mode=in_person&status=planned",
        ),
        ("/api/v1/meetings/?limit=1&locale=pl", "/api/v1/meetings/?locale=pl&limit=1"),
    ],
)
def test_known_parameters_in_another_order_share_one_entry(
    client, shared_cache, page, first, second
):
    fetch(client, first)

    assert fetch(client, second)["X-Cache"] == "hit"


SCHEDULE_CONTROL = re.compile(r'<(?:input|select)[^>]* name="([^"]+)"')


@pytest.mark.django_db
def test_every_filter_of_the_schedule_and_its_pages_has_entries_of_their_own(
    client, shared_cache, page
):
    """The schedule's form and its pagination are what the key keeps: a filter that the form
    gains is keyed without a second list to update."""
    html = fetch(client, "/harmonogram/").content.decode()
    names = set(SCHEDULE_CONTROL.findall(html)) - {"csrfmiddlewaretoken"}
    assert {"sphere", "from", "to", "mode", "status", "venue"} <= names

    for name in sorted(names | {"page", "upcoming", "date_from", "date_to"}):
        assert fetch(client, f"/harmonogram/?{name}=2")["X-Cache"] == "miss", name
        assert fetch(client, f"/harmonogram/?{name}=2")["X-Cache"] == "hit", name


@pytest.mark.django_db
def test_every_parameter_of_the_api_has_entries_of_its_own(client, shared_cache, page):
    from meetings.api.views import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/meetings/"]["get"]
    names = [p["name"] for p in operation["parameters"] if p["in"] == "query"]
    assert {"locale", "sphere", "from", "to", "limit", "offset"} <= set(names)
    fetch(client, "/api/v1/meetings/")

    for name in names:
        response = client.get(f"/api/v1/meetings/?{name}=1")
        assert response.get("X-Cache") != "hit", name


@pytest.mark.django_db
def test_the_apis_caps_still_refuse_a_warm_address_with_too_many_parameters(
    client, shared_cache, page
):
    fetch(client, "/api/v1/meetings/")
    junk = "&".join(f"p{number}=1" for number in range(31))

    response = client.get(f"/api/v1/meetings/?{junk}")

    assert response.status_code == 422
    assert "X-Cache" not in response


@pytest.mark.django_db
def test_a_session_cookie_that_names_no_session_is_served_from_the_cache(
    client, shared_cache, page
):
    fetch(client, page.url)
    client.cookies["sessionid"] = "anything-at-all-12345"

    with CaptureQueriesContext(connection) as captured:
        response = fetch(client, page.url)

    assert response["X-Cache"] == "hit"
    assert len(captured) == 1  # the one session lookup


@pytest.mark.django_db
def test_a_response_to_a_dummy_session_cookie_is_stored_for_everyone(client, shared_cache, page):
    from django.test import Client

    client.cookies["sessionid"] = "anything-at-all-12345"
    first = fetch(client, page.url)

    assert first["X-Cache"] == "miss"
    assert not first.cookies
    assert fetch(Client(), page.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_a_forged_messages_cookie_is_served_from_the_cache(client, shared_cache, page):
    fetch(client, page.url)
    client.cookies["messages"] = "forged"

    assert fetch(client, page.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_an_anonymous_hit_without_a_cookie_costs_no_query(client, shared_cache, page):
    fetch(client, page.url)

    with CaptureQueriesContext(connection) as captured:
        assert fetch(client, page.url)["X-Cache"] == "hit"

    assert len(captured) == 0


@pytest.mark.django_db
def test_an_expired_session_is_served_from_the_cache(client, admin_client, shared_cache, page):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    fetch(client, page.url)
    key = admin_client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())

    assert fetch(admin_client, page.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_clearing_the_cache_keeps_other_sites_keys(shared_cache):
    from django.core.cache import cache

    server = redis.Redis.from_url(TEST_REDIS_URL)
    foreign = f"other-site-{uuid.uuid4().hex[:12]}:1:meetings:publication-version"
    server.set(foreign, b"7")
    cache.set("meetings:publication-version", 3)
    try:
        cache.clear()

        assert cache.get("meetings:publication-version") is None
        assert server.get(foreign) == b"7"
    finally:
        server.delete(foreign)


FEEDS = ["/harmonogram/feed.ics", "/ogloszenia/rss.xml"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_cached_feeds_keep_their_validators_and_answer_conditional_gets(
    client, shared_cache, page, url
):
    fetch(client, url)
    second = fetch(client, url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=second["Last-Modified"])

    assert second["X-Cache"] == "hit"
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag["ETag"] == second["ETag"]


# Pages rendered from scratch: what every page's layout shows (the navigation, the footer, a
# page's languages and breadcrumbs) is worked out once per publication version, and a
# publication shows its change in the layout at once. Requests carry credentials, which the
# response cache never answers, so that each is rendered as right after a publication.

PAST_THE_CACHE = {"HTTP_AUTHORIZATION": "Bearer nobody"}


def render(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **PAST_THE_CACHE)
    assert response.status_code == 200, url
    assert "X-Cache" not in response, url
    return len(captured), response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/harmonogram/", "/ogloszenia/", "page"])
def test_a_pages_layout_is_worked_out_once_per_publication_version(
    client, settings, shared_cache, page, url
):
    url = page.url if url == "page" else url
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    render(client, url)  # Wagtail keeps its sites' root paths
    alone_queries, alone = render(client, url)
    settings.CACHES = redis_cache(TEST_REDIS_URL, shared_cache)
    first_queries, first = render(client, url)
    again_queries, again = render(client, url)

    # The same bytes whether the layout was kept, worked out, or worked out without Redis.
    assert again == first == alone
    # Kept: the navigation's and the footer's (six or more) and the page's languages and
    # breadcrumbs (four or more), less one read of the publication version's row.
    assert again_queries <= first_queries - 8, (first_queries, again_queries)
    assert again_queries < alone_queries - 8, (alone_queries, again_queries)


@pytest.mark.django_db
def test_a_publication_changes_the_navigation_at_once(client, shared_cache, commit, page):
    render(client, page.url)
    schedule = SchedulePage.objects.get(locale__language_code="pl")

    with commit():
        schedule.title = "Kalendarz spotkań"
        schedule.save_revision().publish()

    html = render(client, page.url)[1]
    assert '">Kalendarz spotkań</a></li>' in html
    assert "Harmonogram spotkań</a>" not in html


@pytest.mark.django_db
def test_a_new_translation_enters_the_language_switcher_at_once(client, shared_cache, commit, page):
    from meetings.translation import translate
    from tests.test_translation import english_for_everything, translate_tree

    english_page = translate_tree(page)
    english_page.unpublish()
    before = render(client, page.url)[1]
    assert english_page.url not in before

    with commit():
        translate(page, locale=english_page.locale, strings=english_for_everything(page))

    after = render(client, page.url)[1]
    assert f'href="{english_page.url}" hreflang="en"' in after
    assert re.search(
        rf'<link rel="alternate" hreflang="en" href="https?://[^/"]+{english_page.url}">', after
    )


@pytest.mark.django_db
def test_a_spheres_page_links_the_spheres_translation_as_it_is_now(
    client, shared_cache, commit, page, schedule
):
    from meetings.models import Sphere
    from meetings.translation import translate
    from tests.test_translation import english_for_everything

    translate(schedule, locale=english(), strings=english_for_everything(schedule))
    polish_sphere = page.meetings.get().spheres.get()
    english_sphere = polish_sphere.get_translation(english())
    url = f"/harmonogram/sfera/{polish_sphere.slug}/"
    for _ in range(2):
        html = render(client, url)[1]
        assert f'/sphere/{english_sphere.slug}/" hreflang="en"' in html

    with commit():
        renamed = Sphere.objects.get(pk=english_sphere.pk)
        renamed.slug = "renamed-sphere"
        renamed.save()

    html = render(client, url)[1]
    assert '/sphere/renamed-sphere/" hreflang="en"' in html


@pytest.mark.django_db
def test_the_apis_absolute_links_follow_an_edited_site_at_once(client, shared_cache, commit, page):
    from wagtail.models import Site

    from tests.test_translation import translate_tree

    translate_tree(page)
    for _ in range(2):
        body = client.get("/api/v1/meetings/?limit=1", **PAST_THE_CACHE).content.decode()
        assert '"api_url":"http://localhost/api/v1/meetings/' in body

    with commit():
        site = Site.objects.get(is_default_site=True)
        site.port = 8080
        site.save()

    body = client.get("/api/v1/meetings/?limit=1", **PAST_THE_CACHE).content.decode()
    assert '"api_url":"http://localhost:8080/api/v1/meetings/' in body


def locale_reads(client, url) -> int:
    """The queries of the locales table in rendering ``url`` (past the response cache)."""
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url, HTTP_AUTHORIZATION="Bearer past-the-cache")
    return sum('FROM "wagtailcore_locale"' in query["sql"] for query in queries)


@pytest.mark.django_db
def test_the_plugins_pages_read_the_locales_once_per_version_and_again_when_one_is_saved(
    client, shared_cache, commit, page
):
    urls = [page.url, "/harmonogram/", "/ogloszenia/"]
    for url in urls:
        locale_reads(client, url)

    assert [locale_reads(client, url) for url in urls] == [0, 0, 0]

    with commit():
        english().save()

    assert locale_reads(client, page.url) > 0  # a new version: read again
