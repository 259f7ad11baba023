"""Who published, unpublished, approved, rejected or deleted what is in Wagtail's audit log, with
the user who did it; the public API never tells who the editors are."""

import json

import pytest
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import ModelLogEntry, PageLogEntry

from home.demo import load_demo_content
from meetings.models import MeetingAnnouncementPage
from tests.factories import OrganizerFactory, VenueFactory, announcement, member_of
from tests.test_api import preview_token
from tests.test_editorial_workflow import add_url, announcement_form, two_meetings


@pytest.fixture
def editor(db):
    """Named in full, so that the API can be searched for every part of the name."""
    return member_of(
        "Redaktorzy",
        "ewelina.piorkowska",
        email="ewelina.piorkowska@um.krakow.example",
        first_name="Ewelina",
        last_name="Piórkowska-Zawadzka",
    )


@pytest.fixture
def moderator(db):
    return member_of(
        "Moderatorzy",
        "teodor.wierzbicki",
        email="teodor.wierzbicki@um.krakow.example",
        first_name="Teodor",
        last_name="Wierzbicki-Olszewski",
    )


def submitted_by(client, editor, index) -> MeetingAnnouncementPage:
    """An editor's announcement, submitted for moderation through the page editor."""
    client.force_login(editor)
    response = client.post(
        add_url(index),
        announcement_form(
            meetings=two_meetings(VenueFactory()),
            organizer=OrganizerFactory(),
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    return MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")


def workflow_action(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)),
        {"comment": comment},
    )
    assert response.status_code in (200, 302)


def logged(page, action):
    return list(PageLogEntry.objects.filter(page=page, action=action))


@pytest.mark.django_db
def test_a_submission_for_moderation_is_logged_with_its_editor(client, editor, index):
    page = submitted_by(client, editor, index)

    [entry] = logged(page, "wagtail.workflow.start")

    assert entry.user == editor


@pytest.mark.django_db
def test_an_approval_and_the_publishing_it_causes_are_logged_with_the_moderator(
    client, editor, moderator, index
):
    page = submitted_by(client, editor, index)

    workflow_action(client, moderator, page, "approve")

    [approval] = logged(page, "wagtail.workflow.approve")
    [publishing] = logged(page, "wagtail.publish")
    assert approval.user == moderator
    assert publishing.user == moderator


@pytest.mark.django_db
def test_a_rejection_is_logged_with_the_moderator_and_the_comment(client, editor, moderator, index):
    page = submitted_by(client, editor, index)

    workflow_action(client, moderator, page, "reject", comment="Brak sali dla drugiego spotkania.")

    [rejection] = logged(page, "wagtail.workflow.reject")
    assert rejection.user == moderator
    assert rejection.data["comment"] == "Brak sali dla drugiego spotkania."
    page.refresh_from_db()
    assert page.live is False


@pytest.mark.django_db
def test_publishing_from_the_editor_is_logged_with_the_moderator(client, moderator, index):
    client.force_login(moderator)

    client.post(
        add_url(index),
        announcement_form(
            meetings=two_meetings(VenueFactory()),
            organizer=OrganizerFactory(),
            **{"action-publish": "1"},
        ),
    )

    page = MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")
    assert page.live is True
    assert [entry.user for entry in logged(page, "wagtail.publish")] == [moderator]


@pytest.mark.django_db
def test_unpublishing_is_logged_with_the_moderator(client, moderator, index):
    page = announcement(index)
    client.force_login(moderator)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live is False
    assert [entry.user for entry in logged(page, "wagtail.unpublish")] == [moderator]


@pytest.mark.django_db
def test_deleting_an_announcement_is_logged_with_the_moderator(client, moderator, index):
    page = announcement(index, title="Ogłoszenie do usunięcia")
    page_id = page.pk
    client.force_login(moderator)

    response = client.post(reverse("wagtailadmin_pages:delete", args=(page_id,)))

    assert response.status_code == 302
    assert not MeetingAnnouncementPage.objects.filter(pk=page_id).exists()
    [entry] = PageLogEntry.objects.filter(page_id=page_id, action="wagtail.delete")
    assert entry.user == moderator
    assert entry.label == "Ogłoszenie do usunięcia"


@pytest.mark.django_db
def test_deleting_a_venue_is_logged_with_the_moderator(client, moderator):
    venue = VenueFactory(name="Sala do likwidacji")
    venue_id = str(venue.pk)
    delete_url = AdminURLFinder(moderator).get_edit_url(venue).replace("/edit/", "/delete/")
    client.force_login(moderator)

    response = client.post(delete_url)

    assert response.status_code == 302
    [entry] = ModelLogEntry.objects.filter(object_id=venue_id, action="wagtail.delete")
    assert entry.user == moderator
    assert entry.label.startswith("Sala do likwidacji")


def readable(response) -> str:
    """The JSON text with non-ASCII letters as themselves, not as \\u escapes."""
    return json.dumps(response.json(), ensure_ascii=False)


def api_documents(client) -> list[str]:
    """Every public endpoint of /api/v1/ in both languages, with every item's detail."""
    documents = []

    def fetch(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, url
        documents.append(readable(response))
        return response.json()

    for locale in ("pl", "en"):
        meetings = fetch("/api/v1/meetings/", locale=locale, limit=100)["items"]
        announcements = fetch("/api/v1/announcements/", locale=locale, limit=100)["items"]
        for kind, items in (("meetings", meetings), ("announcements", announcements)):
            for item in items:
                fetch(f"/api/v1/{kind}/{item['id']}/", locale=locale)
        for kind in ("venues", "organizers"):
            for item in fetch(f"/api/v1/{kind}/", locale=locale):
                fetch(f"/api/v1/{kind}/{item['id']}/", locale=locale)
        for sphere in fetch("/api/v1/spheres/", locale=locale)[:3]:
            fetch(f"/api/v1/spheres/{sphere['slug']}/", locale=locale)
        fetch("/api/v1/schedule/", locale=locale)
    fetch("/api/v1/openapi.json")
    return documents


@pytest.mark.django_db
def test_the_api_never_names_the_editors(client, editor, moderator, index):
    load_demo_content()
    page = submitted_by(client, editor, index)
    workflow_action(client, moderator, page, "approve")
    token = preview_token(client, editor, index, title="Szkic redaktorki", slug="szkic-redaktorki")
    client.logout()

    documents = api_documents(client)
    draft = client.get("/api/v1/preview/", {"token": token})
    documents.append(readable(draft))

    assert draft.status_code == 200
    text = "\n".join(documents).lower()
    assert "spotkania branżowe 2058" in text
    assert "szkic redaktorki" in text
    for user in (editor, moderator):
        for value in (user.username, user.email, user.first_name, user.last_name):
            assert value.lower() not in text, value
