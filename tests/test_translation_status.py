"""Editors see whether each announcement's English translation exists and is in sync."""

import csv
import io

import pytest
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from meetings.models import MeetingAnnouncementPage
from meetings.translation import TranslationState, translate, translation_state_annotations
from tests.factories import announcement, english
from tests.test_translation import english_for_everything, translate_tree


def english_state(page) -> str | None:
    annotated = Page.objects.annotate(**translation_state_annotations()).get(pk=page.pk)
    return annotated.translation_state_en


def publish_a_new_lead(page, lead="Nowy lead ogłoszenia."):
    page = MeetingAnnouncementPage.objects.get(pk=page.pk)
    page.lead = lead
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_an_untranslated_announcement_is_missing_its_translation(index):
    page = announcement(index)

    assert english_state(page) == TranslationState.MISSING


@pytest.mark.django_db
def test_a_fresh_translation_is_up_to_date(index):
    page = announcement(index)
    translate_tree(page)

    assert english_state(page) == TranslationState.UP_TO_DATE


@pytest.mark.django_db
def test_publishing_a_change_to_the_source_makes_the_translation_out_of_date(index):
    page = announcement(index)
    translate_tree(page)

    publish_a_new_lead(page)

    assert english_state(page) == TranslationState.OUTDATED


@pytest.mark.django_db
def test_a_sync_without_translated_strings_leaves_the_translation_unfinished(admin_client, index):
    page = announcement(index)
    translate_tree(page)
    publish_a_new_lead(page)
    source = TranslationSource.objects.get_for_instance(page)

    response = admin_client.post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )

    assert response.status_code == 302
    assert english_state(page) == TranslationState.INCOMPLETE


@pytest.mark.django_db
def test_translating_the_new_strings_after_a_sync_brings_it_up_to_date(index):
    page = announcement(index)
    translate_tree(page)
    page = publish_a_new_lead(page)

    translate(page, locale=english(), strings=english_for_everything(page))

    assert english_state(page) == TranslationState.UP_TO_DATE


@pytest.mark.django_db
def test_translations_themselves_have_no_status(index):
    page = announcement(index)
    translated = translate_tree(page)

    assert english_state(translated) is None


@pytest.mark.django_db
def test_the_page_listing_shows_each_announcements_translation_status(admin_client, index):
    translated = announcement(index, title="Przetłumaczone")
    translate_tree(translated)
    announcement(index, title="Nieprzetłumaczone")

    html = admin_client.get(f"/admin/pages/{index.pk}/").content.decode()

    # One status per target language: English made for one page, Ukrainian for neither.
    assert html.count("meetings-translation-status--up_to_date") == 1
    assert html.count("meetings-translation-status--missing") == 3
    assert "EN: aktualne" in html
    assert "EN: brak tłumaczenia" in html
    assert html.count("UK: brak tłumaczenia") == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("translated", "changed", "target"),
    [
        (False, False, "/admin/localize/submit/page/{page}/"),
        (True, True, "/admin/localize/update/{source}/"),
        (True, False, "/admin/pages/{english}/edit/"),
    ],
)
def test_the_status_leads_to_the_action_it_needs(admin_client, index, translated, changed, target):
    page = announcement(index)
    english_page = translate_tree(page) if translated else None
    if changed:
        publish_a_new_lead(page)
    source = TranslationSource.objects.filter(object_id=page.translation_key).first()

    response = admin_client.get(f"/admin/meetings/translation/{page.pk}/en/")

    assert response.status_code == 302
    assert response.url.startswith(
        target.format(
            page=page.pk,
            source=source.pk if source else "",
            english=english_page.pk if english_page else "",
        )
    )


@pytest.mark.django_db
def test_the_meetings_overview_shows_and_exports_the_translation_status(admin_client, index):
    page = announcement(index, title="Ogłoszenie do tłumaczenia")
    translate_tree(page)
    publish_a_new_lead(page)

    html = admin_client.get("/admin/meetings/overview/").content.decode()
    export = admin_client.get("/admin/meetings/overview/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))

    assert html.count("meetings-translation-status--outdated") == 1
    assert [row["Tłumaczenie"] for row in rows] == ["EN: zmieniony oryginał, UK: brak tłumaczenia"]


@pytest.mark.django_db
def test_searching_the_page_listing_still_works(admin_client, index):
    announcement(index, title="Spotkanie w sprawie zieleni")

    response = admin_client.get(f"/admin/pages/{index.pk}/", {"q": "zieleni"})

    assert response.status_code == 200
    assert "Spotkanie w sprawie zieleni" in response.content.decode()
