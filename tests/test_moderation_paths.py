"""Every path to the public goes through publish permission or the moderation workflow:
wagtail-localize's sync, translation and alias views, snippets that published pages show, and
deletions."""

import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from meetings import moderation, selectors
from meetings.models import Meeting, MeetingAnnouncementPage, Venue
from meetings.translation import translate
from tests.factories import (
    OrganizerFactory,
    VenueFactory,
    announcement,
    english,
    meeting,
    polish,
    warsaw,
)
from tests.test_translation import english_for_everything, translate_tree


def live_english_topics():
    return [m.topic for m in selectors.public_meetings(locale=english())]


def retranslate(page, old: str, new: str):
    """What a translator does in the translation editor: change one translated string."""
    string = StringTranslation.objects.get(locale=english(), data=old)
    string.data = new
    string.save()


def sync_url(page) -> str:
    source = TranslationSource.objects.get_for_instance(page)
    return reverse("wagtail_localize:update_translations", args=[source.pk])


@pytest.fixture
def translated(index):
    polish_page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    return polish_page, translate_tree(polish_page)


def post(client, url, data=None):
    """POST, then run what the request left for after its commit, as a real request would:
    wagtail-localize publishes on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


def denied(response) -> bool:
    """Wagtail's admin answers a refusal with 403, or sends the user to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def translate_ancestors(page):
    """Give ``page``'s ancestors English versions, so that ``page`` itself can be translated."""
    for ancestor in page.get_ancestors(inclusive=False).filter(depth__gt=1).specific():
        if not ancestor.has_translation(english()):
            translate(ancestor, locale=english(), strings=english_for_everything(ancestor))


def fresh(page) -> MeetingAnnouncementPage:
    return MeetingAnnouncementPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_an_editor_syncing_with_publish_submits_the_translation_instead_of_publishing(
    client, editor, translated
):
    polish_page, english_page = translated
    retranslate(english_page, "EN Konsultacje programu współpracy", "Hijacked topic")
    client.force_login(editor)

    response = post(client, sync_url(polish_page), {"publish_translations": "on"})

    assert response.status_code == 302
    assert live_english_topics() == ["EN Konsultacje programu współpracy"]
    page = fresh(english_page)
    assert page.live and page.has_unpublished_changes
    assert page.workflow_in_progress
    draft = page.get_latest_revision().content
    assert [m["topic"] for m in draft["meetings"]] == ["Hijacked topic"]
    assert not PageLogEntry.objects.filter(
        page=english_page, action="wagtail.publish", user=editor
    ).exists()


@pytest.mark.django_db
def test_a_moderator_syncing_with_publish_publishes(client, moderator, translated):
    polish_page, english_page = translated
    retranslate(english_page, "EN Konsultacje programu współpracy", "Better topic")
    client.force_login(moderator)

    post(client, sync_url(polish_page), {"publish_translations": "on"})

    assert live_english_topics() == ["Better topic"]


@pytest.mark.django_db
def test_a_new_polish_page_from_an_editors_english_draft_is_not_published_by_sync(
    client, editor, translated
):
    """The reproduction: an English draft, translated into Polish and synced with publish."""
    _polish_page, english_page = translated
    english_index = english_page.get_parent()
    client.force_login(editor)
    draft = announcement(
        english_index,
        title="Draft in English",
        publish=False,
        organizer=OrganizerFactory(locale=english()),
        meetings=[meeting(start=warsaw(2058, 7, 1), venue=VenueFactory(locale=english()))],
    )
    assert draft.locale == english()

    post(
        client,
        reverse("wagtail_localize:submit_page_translation", args=[draft.pk]),
        {"locales": [polish().pk]},
    )
    polish_copy = MeetingAnnouncementPage.objects.get(
        translation_key=draft.translation_key, locale=polish()
    )
    post(client, sync_url(draft), {"publish_translations": "on"})

    assert not fresh(polish_copy).live
    assert not selectors.public_announcements(locale=polish()).filter(pk=polish_copy.pk).exists()


@pytest.mark.django_db
def test_translating_a_live_page_makes_a_draft(client, moderator, index):
    page = announcement(index)
    translate_ancestors(page)
    client.force_login(moderator)

    post(
        client,
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk]},
    )

    translation = MeetingAnnouncementPage.objects.get(
        translation_key=page.translation_key, locale=english()
    )
    assert not translation.live
    assert live_english_topics() == []


@pytest.mark.django_db
def test_translating_an_imported_draft_keeps_both_unpublished(client, editor, index):
    page = announcement(index, publish=False)
    translate_ancestors(page)
    client.force_login(editor)

    post(
        client,
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk]},
    )

    assert not Page.objects.filter(translation_key=page.translation_key, live=True).exists()


@pytest.mark.django_db
def test_a_translator_cannot_bring_back_an_unpublished_page_as_an_alias(
    client, translator, moderator, translated
):
    _polish_page, english_page = translated
    fresh(english_page).unpublish(user=moderator)
    client.force_login(translator)
    url = reverse("wagtail_localize:convert_to_alias", args=[english_page.pk])

    assert denied(client.get(url))
    assert denied(post(client, url))
    assert not fresh(english_page).live


@pytest.mark.django_db
def test_a_moderator_may_convert_a_translation_to_an_alias(client, moderator, translated):
    _polish_page, english_page = translated
    client.force_login(moderator)

    response = post(client, reverse("wagtail_localize:convert_to_alias", args=[english_page.pk]))

    assert response.status_code == 302
    assert fresh(english_page).alias_of_id is not None


@pytest.mark.django_db
def test_the_convert_to_alias_action_is_offered_to_publishers_only(
    client, translator, moderator, translated
):
    _polish_page, english_page = translated
    Translation.objects.filter(target_locale=english()).update(enabled=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])

    client.force_login(translator)
    assert b"localize-convert-to-alias" not in client.get(edit_url).content
    client.force_login(moderator)
    assert b"localize-convert-to-alias" in client.get(edit_url).content


def translation_editor_links(client, page) -> dict:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)[1]
    return json.loads(unescape(props))["links"]


@pytest.mark.django_db
def test_the_translation_editor_offers_the_alias_to_publishers_only(
    client, translator, moderator, translated
):
    """The synced translation's editor (wagtail-localize's) has the action in its own menu."""
    _polish_page, english_page = translated
    alias_url = reverse("wagtail_localize:convert_to_alias", args=[english_page.pk])

    client.force_login(translator)
    links = translation_editor_links(client, english_page)
    assert links["convertToAliasUrl"] is None
    assert links["stopTranslationUrl"]
    client.force_login(moderator)
    assert translation_editor_links(client, english_page)["convertToAliasUrl"] == alias_url


@pytest.mark.django_db
def test_the_translation_editor_offers_the_submission_to_who_may_not_publish(
    client, translator, moderator, translated
):
    _polish_page, english_page = translated
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    submit_url = reverse("meetings_submit_translation", args=[english_page.pk])

    client.force_login(translator)
    assert f'href="{submit_url}"' in client.get(edit_url).content.decode()
    client.force_login(moderator)
    assert f'href="{submit_url}"' not in client.get(edit_url).content.decode()


@pytest.mark.django_db
def test_saving_a_translation_draft_leaves_the_live_page_as_it_was(translated, translator):
    _polish_page, english_page = translated
    retranslate(english_page, "EN Konsultacje programu współpracy", "Not approved yet")
    translation = Translation.objects.get(
        target_locale=english(), source__object_id=english_page.translation_key
    )

    moderation.save_translation_draft(translation, user=translator)

    assert live_english_topics() == ["EN Konsultacje programu współpracy"]
    assert fresh(english_page).has_unpublished_changes


@pytest.mark.django_db
def test_a_translator_submits_a_translation_for_moderation(client, translator, translated):
    _polish_page, english_page = translated
    retranslate(english_page, "EN Konsultacje programu współpracy", "Translated topic")
    client.force_login(translator)
    url = reverse("meetings_submit_translation", args=[english_page.pk])

    assert client.get(url).status_code == 200
    response = post(client, url)

    assert response.status_code == 302
    page = fresh(english_page)
    assert page.workflow_in_progress
    assert [m["topic"] for m in page.get_latest_revision().content["meetings"]] == [
        "Translated topic"
    ]
    assert live_english_topics() == ["EN Konsultacje programu współpracy"]


@pytest.mark.django_db
def test_a_translator_cannot_submit_the_polish_source(client, translator, translated):
    polish_page, _english_page = translated
    client.force_login(translator)

    response = post(client, reverse("meetings_submit_translation", args=[polish_page.pk]))

    assert response.status_code == 404
    assert not fresh(polish_page).workflow_in_progress


def edit_venue(client, venue, **changes):
    data = {
        field: getattr(venue, field) or ""
        for field in ("name", "street_address", "postal_code", "city", "room", "floor")
    }
    data.update(changes)
    return post(client, reverse("wagtailsnippets_meetings_venue:edit", args=[venue.pk]), data)


@pytest.mark.django_db
def test_an_editor_cannot_change_a_venue_that_a_published_announcement_shows(client, editor, index):
    page = announcement(index)
    venue = page.meetings.get().venue
    client.force_login(editor)

    response = edit_venue(client, venue, street_address="ul. Fałszywa 1")

    assert denied(response)
    assert Venue.objects.get(pk=venue.pk).street_address == "ul. Dekerta 24"


@pytest.mark.django_db
def test_an_editor_cannot_change_the_english_translation_of_a_shown_venue(
    client, editor, translated
):
    polish_page, _english_page = translated
    english_venue = polish_page.meetings.get().venue.get_translation(english())
    client.force_login(editor)

    edit_venue(client, english_venue, street_address="Fake Street 1")

    assert Venue.objects.get(pk=english_venue.pk).street_address != "Fake Street 1"


@pytest.mark.django_db
def test_an_editor_may_change_a_venue_that_only_drafts_use(client, editor, index):
    page = announcement(index, publish=False)
    venue = page.meetings.get().venue
    client.force_login(editor)

    edit_venue(client, venue, room="sala 101")

    assert Venue.objects.get(pk=venue.pk).room == "sala 101"
    # No calendar holds the meeting of a page never published: its revision stays 0.
    assert page.meetings.get().sequence == 0


@pytest.mark.django_db
def test_a_moderators_change_of_a_shown_venue_updates_subscribed_calendars(
    client, moderator, translated
):
    polish_page, _english_page = translated
    venue = polish_page.meetings.get().venue
    before = dict(Meeting.objects.values_list("locale__language_code", "sequence"))
    client.force_login(moderator)

    edit_venue(client, venue, room="sala 202")

    assert Venue.objects.get(pk=venue.pk).room == "sala 202"
    after = dict(Meeting.objects.values_list("locale__language_code", "sequence"))
    assert after == {code: sequence + 1 for code, sequence in before.items()}


@pytest.mark.django_db
def test_a_venue_that_only_a_draft_uses_is_not_public(client, index, schedule):
    announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10), venue=VenueFactory(name="Widoczna"))]
    )
    announcement(
        index,
        title="Szkic",
        publish=False,
        meetings=[meeting(start=warsaw(2058, 6, 11), venue=VenueFactory(name="Z importu"))],
    )

    names = [v["name"] for v in client.get("/api/v1/venues/").json()]
    schedule_html = client.get(schedule.url).content.decode()

    assert names == ["Widoczna"]
    assert "Widoczna" in schedule_html
    assert "Z importu" not in schedule_html
    hidden = Venue.objects.get(name="Z importu")
    assert client.get(f"/api/v1/venues/{hidden.pk}/").status_code == 404


@pytest.mark.django_db
def test_an_organiser_that_only_a_draft_names_is_not_public(client, index):
    shown = announcement(index).organizer_links.get().organizer
    draft = announcement(index, title="Szkic", publish=False).organizer_links.get().organizer

    ids = [o["id"] for o in client.get("/api/v1/organizers/").json()]

    assert ids == [shown.pk]
    assert client.get(f"/api/v1/organizers/{draft.pk}/").status_code == 404


def delete(client, user, page):
    client.force_login(user)
    return post(client, reverse("wagtailadmin_pages:delete", args=[page.pk]))


@pytest.mark.django_db
def test_a_translator_cannot_delete_an_english_draft(client, translator, translated):
    _polish_page, english_page = translated
    english_draft = announcement(english_page.get_parent(), title="EN draft", publish=False)

    delete(client, translator, english_draft)

    assert Page.objects.filter(pk=english_draft.pk).exists()
    assert not english_draft.permissions_for_user(translator).can_delete()


@pytest.mark.django_db
def test_an_editor_cannot_delete_another_editors_draft(client, editor, index):
    from tests.factories import member_of

    other = member_of("Redaktorzy", "inna-redaktorka")
    draft = announcement(index, publish=False)
    Page.objects.filter(pk=draft.pk).update(owner=other)

    delete(client, editor, draft)

    assert Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_an_editor_deletes_her_own_draft(client, editor, index):
    draft = announcement(index, publish=False)
    Page.objects.filter(pk=draft.pk).update(owner=editor)

    delete(client, editor, draft)

    assert not Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_follows_the_same_rule(client, editor, index):
    draft = announcement(index, publish=False)
    client.force_login(editor)

    post(
        client,
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={draft.pk}&next=/admin/",
    )

    assert Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_the_plugin_refuses_settings_that_publish_translations_without_moderation():
    from django.core.management.base import SystemCheckError

    with override_settings(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE=True):
        with pytest.raises(SystemCheckError, match="meetings.E001"):
            call_command("check")


@pytest.mark.django_db
def test_a_copy_read_before_the_first_publication_does_not_undo_it(
    client, index, editor, moderator
):
    """The editor's autosave may read a draft just before a moderator approves and publishes
    it, and write the page after: Wagtail writes the whole row of a page that is not live."""
    page = announcement(index, publish=False)
    stale = fresh(page)
    page.get_latest_revision().publish(user=moderator)

    stale.title = "Zmiana zapisana w tle"
    changed = stale.meetings.all()[0]
    changed.topic = "Temat zmieniony w tle"
    stale.meetings = [changed]
    stale.save()
    stale.save_revision(user=editor, changed=True)

    now = fresh(page)
    assert now.live and now.first_published_at and now.live_revision_id
    assert now.title == "Spotkania branżowe"
    assert [m.topic for m in now.meetings.all()] == ["Konsultacje programu współpracy"]
    assert client.get(now.url).status_code == 200
    assert now.has_unpublished_changes
    assert now.get_latest_revision_as_object().title == "Zmiana zapisana w tle"


@pytest.mark.django_db
def test_unpublishing_a_copy_read_before_the_last_publication_takes_the_page_down(
    client, index, moderator
):
    page = announcement(index)
    copy = fresh(page)
    fresh(page).save_revision(user=moderator).publish(user=moderator)

    copy.unpublish(user=moderator)

    assert not fresh(page).live
    assert client.get(page.url).status_code == 404
