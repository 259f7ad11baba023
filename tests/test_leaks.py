"""The leak matrix: no hidden announcement or meeting appears in any public output."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from meetings.models import AnnouncementIndexPage
from tests.factories import announcement, meeting, warsaw

HIDDEN_STATES = [
    "neverpublished",
    "draftchange",
    "private",
    "privateparent",
    "expired",
    "scheduled",
    "unpublished",
]


def make_hidden(state, index, home):
    """An announcement in ``state`` whose title and meeting topic carry a marker word."""
    marker = f"Sekret{state}"
    parent = index
    if state == "privateparent":
        parent = AnnouncementIndexPage(title="Wewnętrzne", slug="wewnetrzne")
        home.add_child(instance=parent)
        parent.save_revision().publish()
        PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    page = announcement(
        parent,
        title=f"{marker} ogłoszenie",
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",), topic=f"{marker} temat")
        ],
        publish=state not in {"neverpublished", "scheduled", "draftchange"},
    )
    if state == "draftchange":
        page.title = "Jawne ogłoszenie"
        page.meetings = [
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",), topic="Jawny temat")
        ]
        page.save_revision().publish()
        draft = page.get_latest_revision_as_object()
        draft.title = f"{marker} ogłoszenie"
        draft.meetings = [
            meeting(start=warsaw(2058, 6, 11), sphere_numbers=("15",), topic=f"{marker} temat")
        ]
        draft.save_revision()
    elif state == "private":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
        )
    elif state == "expired":
        page.expire_at = timezone.now() - timedelta(hours=1)
        page.save()
    elif state == "scheduled":
        page.go_live_at = timezone.now() + timedelta(days=2)
        page.save_revision().publish()
    elif state == "unpublished":
        page.unpublish()
    page.refresh_from_db()
    return marker, page


def public_outputs(client, schedule, index):
    urls = [
        "/",
        index.url,
        f"{index.url}rss.xml",
        schedule.url,
        f"{schedule.url}?sphere=dzieci-i-mlodziez",
        f"{schedule.url}sfera/dzieci-i-mlodziez/",
        f"{schedule.url}feed.ics",
        f"{schedule.url}feed.ics?sphere=dzieci-i-mlodziez",
        "/sitemap.xml",
        "/api/v2/pages/?fields=*&limit=20",
        "/api/v2/pages/?type=meetings.MeetingAnnouncementPage&fields=*&limit=20",
    ]
    outputs = {url: client.get(url) for url in urls}
    for word in ("Sekret", "temat", "ogłoszenie"):
        outputs[f"/szukaj/?q={word}"] = client.get("/szukaj/", {"q": word})
    return outputs


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_a_hidden_announcement_appears_nowhere(client, home, index, schedule, state):
    announcement(index, title="Widoczne ogłoszenie", meetings=[meeting(start=warsaw(2058, 6, 12))])
    marker, page = make_hidden(state, index, home)

    for url, response in public_outputs(client, schedule, index).items():
        assert response.status_code == 200, url
        body = response.content.decode()
        assert marker not in body, f"{state} leaks through {url}"
        assert page.slug not in body or state == "draftchange", f"{state} URL leaks through {url}"


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_a_hidden_meeting_cannot_be_fetched_directly(client, home, index, state):
    marker, page = make_hidden(state, index, home)
    key = page.get_latest_revision_as_object().meetings.all()[0].translation_key

    response = client.get(f"{page.url}{key}.ics")
    page_response = client.get(page.url)

    # A password-protected page answers with its password form; nothing else may come back.
    assert response.status_code in {200, 302, 401, 403, 404}, state
    assert "BEGIN:VCALENDAR" not in response.content.decode()
    assert marker not in response.content.decode()
    assert marker not in page_response.content.decode()


@pytest.mark.django_db
def test_the_visible_announcement_does_appear(client, index, schedule):
    announcement(
        index,
        title="Widoczne ogłoszenie",
        meetings=[meeting(start=warsaw(2058, 6, 12), topic="Jawny")],
    )

    outputs = public_outputs(client, schedule, index)

    for url in (
        "/",
        index.url,
        f"{index.url}rss.xml",
        schedule.url,
        f"{schedule.url}feed.ics",
        "/sitemap.xml",
    ):
        assert (
            "Widoczne" in outputs[url].content.decode()
            or "widoczne" in outputs[url].content.decode()
        ), url


@pytest.mark.django_db
def test_an_unpublished_english_translation_appears_nowhere_in_english(client):
    from django.core.management import call_command

    from meetings.models import MeetingAnnouncementPage
    from tests.factories import english

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    hidden = MeetingAnnouncementPage.objects.get(
        locale=english(), slug="consultation-meetings-third-sector-2026"
    )
    hidden.unpublish()
    title = "Consultation meetings for the third sector"

    for url in (
        "/en/",
        "/en/announcements/",
        "/en/announcements/rss.xml",
        "/en/schedule/",
        "/en/schedule/feed.ics",
        "/en/schedule/sphere/dzieci-i-mlodziez/",
        "/sitemap.xml",
        "/en/search/?q=third+sector",
    ):
        body = client.get(url).content.decode()
        assert title not in body, url
        assert hidden.slug not in body, url
    assert client.get(hidden.url or "/en/announcements/" + hidden.slug + "/").status_code == 404
    assert "Zebranie propozycji organizacji" in client.get("/harmonogram/").content.decode()
