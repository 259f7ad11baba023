from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from meetings.models import Consultation, Meeting, MeetingAnnouncementPage, Organizer, Venue
from meetings.translation import TranslationState, translation_state_annotations
from tests.factories import english, polish

WARSAW = ZoneInfo("Europe/Warsaw")


def snapshot():
    tree = list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "locale__language_code", "live", "title"
        )
    )
    counts = {
        model.__name__: model.objects.count()
        for model in (Page, Meeting, Venue, Organizer, Consultation, Revision)
    }
    return tree, counts


@pytest.mark.django_db
def test_loading_twice_gives_the_same_tree_and_counts(demo):
    first = snapshot()

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert snapshot() == first


@pytest.mark.django_db
def test_the_site_tree_exists_in_both_languages(demo):
    urls = {page.url for page in Page.objects.live().filter(depth__gt=1)}

    assert {"/", "/ogloszenia/", "/harmonogram/", "/deklaracja-dostepnosci/"} <= urls
    assert {"/en/", "/en/announcements/", "/en/schedule/", "/en/accessibility-statement/"} <= urls


@pytest.mark.django_db
def test_the_reference_announcement_is_reproduced_exactly(demo):
    page = MeetingAnnouncementPage.objects.get(
        locale=polish(), slug="spotkania-branzowe-dla-trzeciego-sektora-2026"
    )
    meetings = list(page.meetings.order_by("sort_order"))

    assert page.title == (
        "Spotkania branżowe dla trzeciego sektora - założenia do Programu Współpracy na rok 2026"
    )
    assert page.publication_date == date(2025, 6, 10)
    assert [link.organizer.name for link in page.organizer_links.all()] == [
        "Wydział Polityki Społecznej, Równości i Zdrowia",
        "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych",
    ]
    assert [(m.start, m.end) for m in meetings] == [
        (
            datetime(2025, 6, 10, 17, tzinfo=WARSAW),
            datetime(2025, 6, 10, 19, tzinfo=WARSAW),
        ),
        (
            datetime(2025, 6, 24, 17, tzinfo=WARSAW),
            datetime(2025, 6, 24, 19, tzinfo=WARSAW),
        ),
    ]
    assert [sorted(s.number for s in m.spheres.all()) for m in meetings] == [
        sorted(["5", "5a", "9", "13", "15", "22", "26", "33"]),
        sorted(["13", "7", "29", "10", "15", "31", "6", "32"]),
    ]
    venue = meetings[0].venue
    assert (venue.street_address, venue.floor) == ("ul. Dekerta 24", "III piętro")
    assert meetings[1].venue == venue


@pytest.mark.django_db
def test_the_reference_announcement_has_its_english_translation(demo):
    source = MeetingAnnouncementPage.objects.get(
        locale=polish(), slug="spotkania-branzowe-dla-trzeciego-sektora-2026"
    )
    translation = source.get_translation(english())

    assert translation.live
    assert translation.title.startswith("Consultation meetings for the third sector")
    assert sorted(m.translation_key for m in translation.meetings.all()) == sorted(
        m.translation_key for m in source.meetings.all()
    )
    assert all(m.venue.locale == english() for m in translation.meetings.all())


@pytest.mark.django_db
def test_the_demo_announcement_is_labelled_and_lies_in_the_coming_weeks(demo):
    page = MeetingAnnouncementPage.objects.get(locale=polish(), slug="demo-spotkania-konsultacyjne")
    today = datetime.combine(timezone.localdate(), time.min, tzinfo=WARSAW)

    assert "DEMO" in page.title
    starts = [m.start for m in page.meetings.all()]
    assert starts and all(start > today for start in starts)
    assert any(m.status == Meeting.Status.CANCELLED for m in page.meetings.all())


@pytest.mark.django_db
def test_the_reference_venue_claims_nothing_the_announcement_does_not_say(demo):
    venue = Venue.objects.get(locale=polish(), street_address="ul. Dekerta 24")

    assert not venue.step_free_access
    assert not venue.induction_loop
    assert venue.accessibility_notes == ""
    assert venue.room == ""  # the name already says it is the conference room
    assert venue.floor == "III piętro"


@pytest.mark.django_db
@pytest.mark.parametrize("locale", [polish, english])
def test_the_reference_announcement_is_dated_as_published(demo, locale):
    page = MeetingAnnouncementPage.objects.get(
        locale=locale(), translation_key=MeetingAnnouncementPage.objects.get(
            locale=polish(), slug="spotkania-branzowe-dla-trzeciego-sektora-2026"
        ).translation_key
    )  # fmt: skip

    warsaw = ZoneInfo("Europe/Warsaw")
    assert timezone.localtime(page.first_published_at, warsaw).date() == date(2025, 6, 10)
    assert timezone.localtime(page.last_published_at, warsaw).date() == date(2025, 6, 10)


@pytest.mark.django_db
def test_every_translation_of_the_demo_reads_as_up_to_date(demo):
    """The page listing's status of each translated page: the reference announcement is dated
    as published, and its translation with it."""
    pages = Page.objects.filter(locale=polish(), depth__gt=1)
    states = {
        page.slug: page.translation_state_en
        for page in pages.annotate(**translation_state_annotations())
    }

    assert len(states) >= 7
    assert set(states.values()) == {TranslationState.UP_TO_DATE}, states


@pytest.mark.django_db
def test_the_consultation_links_to_the_programme(demo):
    consultation = Consultation.objects.get(locale=polish())

    assert consultation.url == "https://www.bip.krakow.pl/?dok_id=52019"
