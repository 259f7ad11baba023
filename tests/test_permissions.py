"""Editors create and edit, moderators approve, translators edit only the translations."""

import pytest
from django.urls import reverse

from meetings.models import MeetingAnnouncementPage
from tests.factories import announcement
from tests.test_translation import translate_tree


@pytest.fixture
def pages(index):
    """A Polish announcement and its English translation."""
    polish_page = announcement(index)
    english_page = translate_tree(polish_page)
    return polish_page, english_page


def edit_status(client, user, page) -> int:
    client.force_login(user)
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code


@pytest.mark.django_db
def test_an_editor_creates_and_edits_but_cannot_publish_or_delete(editor, pages, index):
    polish_page, english_page = pages
    permissions = polish_page.permissions_for_user(editor)

    assert index.permissions_for_user(editor).can_add_subpage()
    assert permissions.can_edit()
    assert english_page.permissions_for_user(editor).can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()


@pytest.mark.django_db
def test_only_a_moderator_publishes_and_approves(moderator, editor, translator, pages):
    polish_page, english_page = pages
    task = polish_page.get_workflow().tasks.first().specific

    assert polish_page.permissions_for_user(moderator).can_publish()
    assert english_page.permissions_for_user(moderator).can_publish()
    assert "approve" in [name for name, *_ in task.get_actions(polish_page, moderator)]
    assert task.get_actions(polish_page, editor) == []
    assert task.get_actions(english_page, translator) == []


@pytest.mark.django_db
def test_a_translator_edits_the_english_translation(client, translator, pages):
    _polish_page, english_page = pages

    assert english_page.permissions_for_user(translator).can_edit()
    assert edit_status(client, translator, english_page) == 200


@pytest.mark.django_db
def test_a_translator_cannot_edit_the_polish_source(client, translator, pages):
    polish_page, _english_page = pages

    assert not polish_page.permissions_for_user(translator).can_edit()
    assert edit_status(client, translator, polish_page) in (302, 403)


@pytest.mark.django_db
def test_a_translator_cannot_create_publish_or_delete(translator, pages, index):
    _polish_page, english_page = pages
    english_index = english_page.get_parent()
    permissions = english_page.permissions_for_user(translator)

    assert not index.permissions_for_user(translator).can_add_subpage()
    assert not english_index.permissions_for_user(translator).can_add_subpage()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not permissions.can_unpublish()


@pytest.mark.django_db
def test_a_translator_cannot_change_meeting_data(client, translator, pages):
    polish_page, _english_page = pages
    venue = polish_page.meetings.get().venue
    client.force_login(translator)

    response = client.post(
        reverse("wagtailsnippets_meetings_venue:edit", args=[venue.pk]), {"name": "Zmieniona"}
    )

    assert response.status_code in (302, 403)
    venue.refresh_from_db()
    assert venue.name != "Zmieniona"


@pytest.mark.django_db
def test_a_translator_cannot_save_the_polish_page_by_posting(client, translator, pages):
    polish_page, _english_page = pages
    client.force_login(translator)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[polish_page.pk]),
        {"title": "Przejęte", "slug": polish_page.slug},
    )

    assert MeetingAnnouncementPage.objects.get(pk=polish_page.pk).title != "Przejęte"
    assert polish_page.get_latest_revision().content["title"] != "Przejęte"


def admin_api_page(client, user, page):
    client.force_login(user)
    return client.get(f"/admin/api/main/pages/{page.pk}/")


@pytest.mark.django_db
def test_a_translator_reads_the_public_page_a_translated_link_keeps(client, translator, pages):
    """The translation editor shows a link's page from the admin API; a translation keeps
    the Polish page until the translator picks another."""
    polish_page, english_page = pages

    response = admin_api_page(client, translator, polish_page)

    assert response.status_code == 200
    assert response.json()["title"] == polish_page.title
    assert admin_api_page(client, translator, english_page).status_code == 200


@pytest.mark.django_db
def test_a_translator_reads_no_polish_draft_nor_a_title_waiting_in_one(
    client, translator, pages, index
):
    polish_page, _english_page = pages
    draft = announcement(index, title="Szkic tajny", publish=False)
    polish_page.title = "Tytuł roboczy tajny"
    polish_page.save_revision()

    for page in [draft, polish_page]:
        response = admin_api_page(client, translator, page)
        assert response.status_code == 404
        assert "tajny" not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_api_lists_and_acts_on_only_the_pages_a_translator_explores(
    client, translator, pages
):
    polish_page, english_page = pages
    client.force_login(translator)

    listed = client.get("/admin/api/main/pages/").json()["items"]
    copied = client.post(
        f"/admin/api/main/pages/{polish_page.pk}/action/copy/",
        {"destination_page_id": english_page.get_parent().pk},
        content_type="application/json",
    )

    assert polish_page.pk not in [item["id"] for item in listed]
    assert english_page.pk in [item["id"] for item in listed]
    assert copied.status_code == 404


@pytest.mark.django_db
def test_copying_is_offered_to_who_may_add_a_page_somewhere(client, editor, translator, pages):
    _polish_page, english_page = pages
    copy_url = reverse("wagtailadmin_pages:copy", args=[english_page.pk])
    listing = reverse("wagtailadmin_explore", args=[english_page.get_parent().pk])

    assert english_page.permissions_for_user(editor).can_copy()
    assert not english_page.permissions_for_user(translator).can_copy()
    client.force_login(translator)
    assert copy_url not in client.get(listing).content.decode()
    assert client.get(copy_url).status_code in (302, 403)
    client.force_login(editor)
    assert copy_url in client.get(listing).content.decode()
