"""Wagtail's routing kept per publication version (``meetings.routing``), on a real Redis: a
path is walked once per version, then its page is read by id; whatever changes what a path
leads to is seen at once, and what runs after routing (view restrictions) still runs.

Requests carry credentials, which the response cache never answers, so that each one routes.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage
from meetings.models import MeetingAnnouncementPage
from tests.factories import announcement, meeting, warsaw

pytestmark = pytest.mark.django_db
UNCACHED = {"HTTP_AUTHORIZATION": "Test uncached"}


@pytest.fixture
def page(index, schedule):
    return announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10), topic="Konsultacje budzetu")]
    )


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **UNCACHED)
    return response, len(queries)


def paths(page) -> list[str]:
    key = page.meetings.get().translation_key
    return [
        "/",
        page.url,
        f"{page.url}{key}.ics",  # a routable page's route to a file
        "/harmonogram/",
        "/harmonogram/feed.ics",
        "/en/",
    ]


def test_a_path_walked_once_is_then_served_the_same_with_fewer_queries(
    client, shared_cache, page, settings
):
    def steady(client, url):
        get(client, url)  # the first request of the version walks, and keeps the layout's links
        return get(client, url)

    kept = {url: steady(client, url) for url in paths(page)}
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "meetings.routing.KeptRoutesMiddleware"
    ]
    walking = Client()
    for url, (response, queries) in kept.items():
        walked, walked_queries = steady(walking, url)
        assert response.status_code == walked.status_code == 200, url
        assert queries < walked_queries, url
        if not url.endswith(".ics"):  # a calendar says when it was made
            assert response.content == walked.content, url


def test_without_a_shared_cache_every_request_is_walked(client, page):
    # The process's first request may read what Django keeps for good (content types).
    get(client, page.url)
    _response, walked = get(client, page.url)
    _response, again = get(client, page.url)
    assert again == walked


def test_unpublishing_a_page_makes_its_path_not_found_at_once(client, shared_cache, commit, page):
    get(client, page.url)
    get(client, page.url)
    with commit():
        MeetingAnnouncementPage.objects.get(pk=page.pk).unpublish()
    assert get(client, page.url)[0].status_code == 404


def test_a_page_no_longer_live_is_not_found_even_before_the_version_changes(
    client, shared_cache, page
):
    get(client, page.url)
    Page.objects.filter(pk=page.pk).update(live=False)  # no signal: the version stays
    assert get(client, page.url)[0].status_code == 404


def test_moving_a_page_serves_it_at_its_new_path_only(client, shared_cache, commit, page, index):
    old_url = page.url
    get(client, old_url)
    get(client, old_url)
    with commit():
        renamed = MeetingAnnouncementPage.objects.get(pk=page.pk)
        renamed.slug = "nowy-adres"
        renamed.save_revision().publish()
    moved, _queries = get(client, old_url)  # not found there, so Wagtail's redirect answers
    assert (moved.status_code, moved["Location"]) == (301, f"{index.url}nowy-adres/")
    response, _queries = get(client, f"{index.url}nowy-adres/")
    assert response.status_code == 200
    assert "Konsultacje budzetu" in response.content.decode()


def asks_for_password(response) -> bool:
    text = response.content.decode()
    return "Konsultacje budzetu" not in text and "password" in text.lower()


@pytest.mark.parametrize("where", ["the page", "its parent"])
def test_a_restriction_added_to_a_kept_page_is_enforced_before_the_version_changes(
    client, shared_cache, page, index, where
):
    for _ in range(2):  # walked, then served from the kept route
        assert get(client, page.url)[0].status_code == 200
    PageViewRestriction.objects.create(  # no commit: the version stays
        page=page if where == "the page" else index,
        restriction_type=PageViewRestriction.PASSWORD,
        password="tajne-haslo",
    )
    assert asks_for_password(get(client, page.url)[0])


def test_an_alias_is_restricted_as_its_source_is_through_a_kept_route(
    client, shared_cache, page, home
):
    alias = page.create_alias(parent=home, update_slug="alias-ogloszenia")
    for _ in range(2):
        response, _queries = get(client, alias.url)
        assert response.status_code == 200
        assert "Konsultacje budzetu" in response.content.decode()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
    )
    assert asks_for_password(get(client, alias.url)[0])


def restriction_reads(client, url) -> list[str]:
    """The queries of a request that read view restrictions themselves (Wagtail's check)."""
    table = PageViewRestriction._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **UNCACHED)
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"].split(" WHERE ")[0]]


def test_an_unrestricted_kept_page_is_served_without_reading_restrictions(
    client, shared_cache, page
):
    restriction_reads(client, page.url)
    assert restriction_reads(client, page.url) == []
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert restriction_reads(client, page.url) != []  # and then Wagtail's check runs


def test_a_site_edited_is_seen_at_once_by_a_kept_route(client, shared_cache, commit, page):
    for _ in range(2):
        response, _queries = get(client, page.url)
        assert 'rel="canonical" href="http://localhost/' in response.content.decode()
    with commit():
        site = Site.objects.get(is_default_site=True)
        site.port = 8080
        site.save()
    response, _queries = get(client, page.url)
    assert 'rel="canonical" href="http://localhost:8080/' in response.content.decode()


def test_the_link_to_the_schedule_follows_the_schedule_page_at_once(
    client, shared_cache, commit, page, schedule
):
    link = 'href="/harmonogram/">Wszystkie spotkania w harmonogramie'
    for _ in range(2):
        assert link in get(client, page.url)[0].content.decode()
    with commit():
        schedule.unpublish()
    assert "Wszystkie spotkania w harmonogramie" not in get(client, page.url)[0].content.decode()
    with commit():
        schedule.save_revision().publish()
    assert link in get(client, page.url)[0].content.decode()


def test_each_language_keeps_its_own_route(client, shared_cache, page):
    for _ in range(2):
        polish, _queries = get(client, "/")
        english, _queries = get(client, "/en/")
        assert polish.status_code == english.status_code == 200
        assert 'lang="pl"' in polish.content.decode()
        assert 'lang="en"' in english.content.decode()


def test_pages_below_a_page_that_routes_in_its_own_way_are_walked_every_time(
    client, shared_cache, page, monkeypatch
):
    routed = []

    def route(self, request, path_components):
        routed.append(path_components)
        return Page.route(self, request, path_components)

    monkeypatch.setattr(HomePage, "route", route)
    for _ in range(3):
        assert get(client, page.url)[0].status_code == 200
    assert len(routed) == 3


def test_paths_that_lead_nowhere_are_not_kept(client, shared_cache, page):
    from meetings.routing import ROUTES

    get(client, page.url)
    kept = len(ROUTES.values)
    for number in range(20):
        assert get(client, f"/nie-ma-takiej-strony-{number}/")[0].status_code == 404
    assert len(ROUTES.values) == kept
