"""The change feed (/api/v1/changes/): a client that replays it in order, from the start or from
its last cursor, holds exactly what the lists show, in every language, whatever took an item
out of the public view."""

import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import StandardPage
from meetings.api import changes
from meetings.models import AnnouncementIndexPage, MeetingAnnouncementPage
from tests.factories import announcement, meeting, polish, warsaw

LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
LISTS = {
    "sphere": "/api/v1/spheres/",
    "venue": "/api/v1/venues/",
    "organizer": "/api/v1/organizers/",
}


@pytest.fixture(scope="module")
def demo_content(demo_content, django_db_blocker):
    """The demo site, its changes already synced into the feed."""
    with django_db_blocker.unblock():
        changes.sync()


def feed(client, since=None, **params) -> dict:
    query = {"limit": 7, **params} | ({"since": since} if since else {})
    response = client.get("/api/v1/changes/", query)
    assert response.status_code == 200, response.content
    return response.json()


def replay(client, copy=None, since=None, **params) -> tuple[dict, str, list]:
    """Apply the feed to ``copy`` ({(type, id): item}) as a client would, page after page."""
    copy = {} if copy is None else copy
    seen = []
    while True:
        body = feed(client, since, **params)
        for change in body["changes"]:
            key = (change["type"], change["id"])
            seen.append((change["operation"], *key, change["locale"]))
            if change["operation"] == "upsert":
                copy[key] = change["item"]
            else:
                copy.pop(key, None)
        since = body["next"]
        if not body["has_more"]:
            return copy, since, seen


def lists(client, language: str) -> dict:
    """{(type, id): item} of every list of the API in ``language``, announcements as their
    detail endpoint gives them (the feed's upserts carry the body)."""
    found = {}
    for kind, url in LISTS.items():
        for item in client.get(url, {"locale": language}).json():
            found[kind, item["id"]] = item
    offset = 0
    while True:
        page = client.get(
            "/api/v1/meetings/", {"locale": language, "limit": 100, "offset": offset}
        ).json()
        found.update((("meeting", item["id"]), item) for item in page["items"])
        offset += 100
        if offset >= page["count"]:
            break
    for item in client.get("/api/v1/announcements/", {"locale": language, "limit": 100}).json()[
        "items"
    ]:
        detail = client.get(f"/api/v1/announcements/{item['id']}/", {"locale": language})
        found["announcement", item["id"]] = detail.json()
    return found


def by_language(copy: dict, language: str) -> dict:
    return {key: item for key, item in copy.items() if item["locale"] == language}


def assert_replay_equals_lists(client):
    copy, cursor, _seen = replay(client)
    for language in LANGUAGES:
        assert by_language(copy, language) == lists(client, language), language
        alone, _cursor, _seen = replay(client, locale=language)
        assert alone == by_language(copy, language), language
    return cursor


def step(client, cursor, change) -> list:
    """Make ``change``, sync as the task would after its commit, and return what the feed says
    after ``cursor`` (operation, type, id, locale)."""
    change()
    changes.sync()
    _copy, _cursor, seen = replay(client, since=cursor)
    return seen


@pytest.mark.django_db
def test_the_initial_sync_gives_every_public_item_of_every_language(client, demo):
    copy, _cursor, seen = replay(client)

    assert {operation for operation, *_rest in seen} == {"upsert"}
    for language in LANGUAGES:
        items = by_language(copy, language)
        assert items == lists(client, language)
        kinds = {kind for kind, _id in items}
        assert kinds == {"sphere", "venue", "organizer", "announcement", "meeting"}, language
        assert sum(kind == "sphere" for kind, _id in items) == 41


@pytest.mark.django_db
def test_every_way_out_of_the_public_view_is_a_delete_and_the_way_back_an_upsert(
    client, demo, admin_user
):
    _copy, cursor, _seen = replay(client)
    index = AnnouncementIndexPage.objects.get(locale=polish())
    reference = MeetingAnnouncementPage.objects.get(locale=polish(), slug__startswith="spotkania")
    meetings = set(reference.meetings.values_list("pk", flat=True))

    # Unpublished: the announcement, its meetings, and a venue only it used.
    seen = step(client, cursor, lambda: reference.unpublish(user=admin_user))
    deleted = {(kind, pk) for operation, kind, pk, _locale in seen if operation == "delete"}
    assert ("announcement", reference.pk) in deleted
    assert {("meeting", pk) for pk in meetings} <= deleted
    assert ("venue", reference.meetings.first().venue_id) in deleted
    # Other languages' items change only where they link the Polish ones.
    assert all(locale == "pl" for operation, *_rest, locale in seen if operation == "delete")
    cursor = assert_replay_equals_lists(client)

    # Published again: the same items come back.
    reference.refresh_from_db()
    seen = step(client, cursor, lambda: reference.get_latest_revision().publish(user=admin_user))
    assert ("upsert", "announcement", reference.pk, "pl") in seen
    assert {("upsert", "meeting", pk, "pl") for pk in meetings} <= set(seen)
    cursor = assert_replay_equals_lists(client)

    # Edited: one upsert for the meeting that changed, none for the others.
    def edit():
        page = MeetingAnnouncementPage.objects.get(pk=reference.pk)
        items = list(page.meetings.all())
        items[0].topic = "Nowy temat spotkania"
        page.meetings = items
        page.save_revision(user=admin_user).publish(user=admin_user)

    seen = step(client, cursor, edit)
    assert [kind for _op, kind, *_rest in seen].count("meeting") == 1
    assert ("upsert", "announcement", reference.pk, "pl") in seen
    cursor = assert_replay_equals_lists(client)

    # Made private: a restriction on the Ukrainian index hides its announcements.
    ukrainian_index = index.get_translation(Locale.objects.get(language_code="uk"))
    hidden = set(
        MeetingAnnouncementPage.objects.child_of(ukrainian_index).values_list("pk", flat=True)
    )
    seen = step(
        client,
        cursor,
        lambda: PageViewRestriction.objects.create(
            page=ukrainian_index, restriction_type=PageViewRestriction.LOGIN
        ),
    )
    assert {("delete", "announcement", pk, "uk") for pk in hidden} <= set(seen)
    assert all(locale == "uk" for operation, *_rest, locale in seen if operation == "delete")
    cursor = assert_replay_equals_lists(client)

    # Moved under a private page: the Polish demo announcement.
    demo_page = MeetingAnnouncementPage.objects.get(locale=polish(), slug__startswith="demo")

    def move_under_private_page():
        private = index.get_parent().add_child(
            instance=StandardPage(title="Wewnętrzne", slug="wewnetrzne", locale=polish())
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
        )
        archive = private.add_child(
            instance=AnnouncementIndexPage(title="Archiwum", slug="archiwum", locale=polish())
        )
        demo_page.move(archive, pos="last-child", user=admin_user)

    seen = step(client, cursor, move_under_private_page)
    assert ("delete", "announcement", demo_page.pk, "pl") in seen
    cursor = assert_replay_equals_lists(client)

    # Expired: the English reference announcement's expiry passes.
    english = reference.get_translation(Locale.objects.get(language_code="en"))
    seen = step(
        client,
        cursor,
        lambda: Page.objects.filter(pk=english.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        ),
    )
    assert ("delete", "announcement", english.pk, "en") in seen
    cursor = assert_replay_equals_lists(client)

    # A translation removed: the English demo announcement deleted.
    english_demo = demo_page.get_translation(Locale.objects.get(language_code="en"))
    seen = step(client, cursor, lambda: english_demo.delete())
    assert ("delete", "announcement", english_demo.pk, "en") in seen
    assert_replay_equals_lists(client)


@pytest.mark.django_db
def test_a_scheduled_page_enters_the_feed_when_it_goes_live(client, demo, admin_user):
    _copy, cursor, _seen = replay(client)
    index = AnnouncementIndexPage.objects.get(locale=polish())
    page = announcement(index, title="Zaplanowane", meetings=[meeting(start=warsaw(2058, 6, 1))])
    page.unpublish(user=admin_user)
    page.refresh_from_db()
    page.go_live_at = timezone.now() + timedelta(seconds=1)
    page.save_revision(user=admin_user).publish(user=admin_user)  # scheduled: not live yet

    assert ("upsert", "announcement", page.pk, "pl") not in step(client, cursor, lambda: None)

    def time_passes():
        time.sleep(max(0, (page.go_live_at - timezone.now()).total_seconds()) + 0.1)
        call_command("publish_scheduled", stdout=io.StringIO())

    seen = step(client, cursor, time_passes)
    assert ("upsert", "announcement", page.pk, "pl") in seen
    assert_replay_equals_lists(client)


@pytest.mark.django_db
def test_pages_of_the_feed_follow_one_another_and_a_locale_filters_them(client, demo):
    first = feed(client, limit=5)
    second = feed(client, first["next"], limit=5)
    ukrainian = feed(client, locale="uk", limit=500)

    assert len(first["changes"]) == 5 and first["has_more"]
    assert not {c["id"] for c in first["changes"]} & {c["id"] for c in second["changes"]}
    assert {c["locale"] for c in ukrainian["changes"]} == {"uk"}
    assert not ukrainian["has_more"]
    # Nothing new: the same cursor, nothing to apply.
    assert feed(client, ukrainian["next"], locale="uk") == {
        "changes": [],
        "next": ukrainian["next"],
        "has_more": False,
    }
    # Spheres come before the announcements and meetings that refer to them.
    kinds = [c["type"] for c in ukrainian["changes"]]
    assert kinds.index("meeting") > kinds.index("announcement") > kinds.index("sphere")


@pytest.mark.django_db
@pytest.mark.parametrize("since", ["nie-kursor", "c", "cXYZ", "!!!", "c" + "f" * 16])
def test_a_cursor_the_api_could_not_give_is_a_422_naming_it(client, db, since):
    response = client.get("/api/v1/changes/", {"since": since})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "since"]


@pytest.mark.django_db
def test_a_cursor_past_the_last_change_asks_for_a_new_sync(client, demo):
    body = feed(client, limit=500)
    ahead = changes.encode_cursor(changes.decode_cursor(body["next"]) + 1)

    response = client.get("/api/v1/changes/", {"since": ahead})

    assert response.status_code == 409
    assert "from the start" in response.json()["detail"]


@pytest.mark.django_db
def test_the_feed_is_never_answered_from_a_cache(client, demo):
    response = client.get("/api/v1/changes/")

    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    assert response["Content-Language"] == ", ".join(LANGUAGES)  # in the settings' order
    assert client.get("/api/v1/changes/", {"locale": "uk"})["Content-Language"] == "uk"


@pytest.mark.django_db
def test_the_next_change_by_time_is_an_expiry_or_the_next_local_midnight(index):
    # 29 March 2026 has 23 hours in Warsaw: its midnight-to-midnight spans a DST change.
    now = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 on the 29th, Warsaw time
    assert changes.next_time_change(now=now) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)

    page = announcement(index, title="Wygasa")
    expiry = now + timedelta(hours=2)
    Page.objects.filter(pk=page.pk).update(expire_at=expiry)
    assert changes.next_time_change(now=now) == expiry


# Any sequence of what editors and time do to announcements, in any language.
OPERATIONS = ["unpublish", "publish", "edit", "restrict", "unrestrict", "expire", "venue", "delete"]


def operate(operation: str, n: int, user) -> None:
    from meetings.models import Venue

    pages = list(MeetingAnnouncementPage.objects.order_by("pk"))
    if not pages:
        return
    page = pages[n % len(pages)]
    if operation == "unpublish" and page.live:
        page.unpublish(user=user)
    elif operation == "publish" and page.latest_revision_id:
        page.get_latest_revision().publish(user=user)
    elif operation == "edit":
        page.title = f"{page.title[:40]} · {n}"
        page.save_revision(user=user).publish(user=user)
    elif operation == "restrict":
        PageViewRestriction.objects.get_or_create(
            page=page, defaults={"restriction_type": PageViewRestriction.LOGIN}
        )
    elif operation == "unrestrict":
        for restriction in PageViewRestriction.objects.filter(page=page):
            restriction.delete()
    elif operation == "expire":
        Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=n))
    elif operation == "venue":
        venue = Venue.objects.order_by("pk")[n % Venue.objects.count()]
        venue.name = f"{venue.name[:40]} · {n}"
        venue.save()
    elif operation == "delete" and len(pages) > 2:
        page.delete()


@pytest.mark.django_db
def test_a_client_that_follows_the_feed_holds_the_lists_after_any_sequence_of_changes(
    client, demo, admin_user
):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    follower = {"copy": {}, "cursor": None}

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 11)), min_size=1, max_size=5)
    )
    def check(steps):
        for operation, n in steps:
            operate(operation, n, admin_user)
            changes.sync()
        # A client that has followed from the start, and one that replays it all now.
        _copy, follower["cursor"], _seen = replay(client, follower["copy"], follower["cursor"])
        assert follower["copy"] == replay(client)[0]
        for language in LANGUAGES:
            assert by_language(follower["copy"], language) == lists(client, language), language

    check()
