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
