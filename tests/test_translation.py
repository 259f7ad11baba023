"""Translating an announcement with wagtail-localize keeps its meetings paired."""

import pytest

from meetings import selectors
from meetings.models import Meeting, MeetingAnnouncementPage
from meetings.translation import MissingTranslationError, translate
from tests.factories import announcement, english, meeting, polish, warsaw


def english_for_everything(instance):
    """Stand-in translator: prefixes every source string with EN."""
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return {
        segment.string.data: f"EN {segment.string.data}"
        for segment in StringSegment.objects.filter(source=source).select_related("string")
    }


def translate_tree(page):
    """Translate ``page`` and every ancestor below the root that has no English version yet."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.has_translation(english()):
            translate(ancestor, locale=english(), strings=english_for_everything(ancestor))
    for organizer_link in page.organizer_links.all():
        organizer = organizer_link.organizer
        translate(organizer, locale=english(), strings=english_for_everything(organizer))
    for m in page.meetings.all():
        if m.venue and not m.venue.has_translation(english()):
            translate(m.venue, locale=english(), strings=english_for_everything(m.venue))
    return translate(page, locale=english(), strings=english_for_everything(page))


@pytest.mark.django_db
def test_the_english_page_has_the_same_meetings_with_english_spheres(index):
    page = announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("5", "15")),
            meeting(start=warsaw(2058, 6, 24), sphere_numbers=("7",)),
        ],
    )

    translated = translate_tree(page)

    assert translated.live is True
    assert translated.locale == english()
    source_keys = [m.translation_key for m in page.meetings.order_by("sort_order")]
    english_meetings = selectors.with_localized_relations(
        selectors.public_meetings(locale=english()), locale=english()
    )
    assert [m.translation_key for m in english_meetings] == source_keys
    assert [m.locale for m in english_meetings] == [english(), english()]
    assert [[s.display_name for s in m.localized_spheres] for m in english_meetings] == [
        [
            "Activities for national and ethnic minorities and the regional language",
            "Activities for children and young people, including holidays and recreation "
            "for children and young people",
        ],
        ["Activities for persons with disabilities"],
    ]
    assert all(m.localized_venue.locale == english() for m in english_meetings)
    assert english_meetings[0].topic.startswith("EN ")


@pytest.mark.django_db
def test_the_polish_page_keeps_polish_spheres_and_topics(index):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("5",))])
    translate_tree(page)

    polish_meetings = selectors.with_localized_relations(
        selectors.public_meetings(locale=polish()), locale=polish()
    )

    assert [m.topic for m in polish_meetings] == ["Konsultacje programu współpracy"]
    assert polish_meetings[0].localized_spheres[0].display_name.startswith("działalność na rzecz")
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_a_missing_string_is_refused_and_nothing_is_created(index):
    page = announcement(index)
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        translate(ancestor, locale=english(), strings=english_for_everything(ancestor))

    with pytest.raises(MissingTranslationError):
        translate(page, locale=english(), strings={})

    assert not MeetingAnnouncementPage.objects.filter(locale=english()).exists()
