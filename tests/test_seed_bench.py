"""seed_bench: synthetic data at scale that the site treats as editors' content."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from meetings import selectors
from meetings.models import AnnouncementIndexPage, Meeting, MeetingAnnouncementPage, Sphere
from tests.factories import english, polish

# 42 meetings: every one of the 41 spheres comes round at least once.
ANNOUNCEMENTS, MEETINGS_PER = 3, 14


@pytest.fixture
def english_index(index):
    """The index copied into English with its parents, as pages of their own (Wagtail makes
    the parents aliases of the Polish ones)."""
    index.copy_for_translation(english(), copy_parents=True)
    Page.objects.filter(locale=english()).update(alias_of=None)
    for page in Page.objects.filter(locale=english()).order_by("path"):
        page.specific.save_revision().publish()
    return index.get_translation(english())


@pytest.fixture
def seeded(english_index):
    call_command(
        "seed_bench",
        announcements=ANNOUNCEMENTS,
        meetings_per=MEETINGS_PER,
        quiet=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def bench(locale):
    return MeetingAnnouncementPage.objects.filter(slug__startswith="bench-", locale=locale)


def test_every_polish_announcement_and_meeting_has_its_english_translation(seeded):
    assert bench(polish()).count() == bench(english()).count() == ANNOUNCEMENTS
    for page in bench(polish()):
        translation = page.get_translation(english())
        source_meetings = {m.translation_key: m for m in page.meetings.all()}
        english_meetings = {m.translation_key: m for m in translation.meetings.all()}
        assert english_meetings.keys() == source_meetings.keys()
        assert len(english_meetings) == MEETINGS_PER


def test_english_meetings_point_at_english_venues_and_polish_spheres(seeded):
    meetings = Meeting.objects.filter(page__in=bench(english())).prefetch_related("spheres")

    assert {m.venue.locale_id for m in meetings if m.venue_id} == {english().pk}
    assert {s.locale_id for m in meetings for s in m.spheres.all()} == {polish().pk}


def test_every_sphere_is_used(seeded):
    used = Sphere.objects.filter(meetings__page__in=bench(polish())).distinct()

    assert used.count() == Sphere.objects.filter(locale=polish()).count()


def test_some_meetings_are_cancelled_with_a_note(seeded):
    cancelled = Meeting.objects.filter(page__in=bench(polish()), status=Meeting.Status.CANCELLED)

    assert cancelled.exists()
    assert not cancelled.filter(status_note="").exists()


def test_seeded_announcements_are_public_in_both_languages(seeded, client):
    for locale in (polish(), english()):
        public = selectors.public_announcements(locale=locale).filter(slug__startswith="bench-")
        assert public.count() == ANNOUNCEMENTS
        assert (
            selectors.public_meetings(locale=locale).filter(page__in=public).count()
            == ANNOUNCEMENTS * MEETINGS_PER
        )
    page = bench(english()).first()
    assert client.get(page.url).status_code == 200
    assert client.get(f"/api/v1/announcements/{page.pk}/?locale=en").status_code == 200


def test_the_page_tree_stays_consistent(seeded):
    index = AnnouncementIndexPage.objects.get(locale=polish())

    assert Page.find_problems() == ([], [], [], [], [])
    assert index.numchild == index.get_children().count()


def test_reset_deletes_the_bench_data_and_nothing_else(seeded):
    others = MeetingAnnouncementPage.objects.exclude(slug__startswith="bench-").count()

    call_command("seed_bench", announcements=0, reset=True, stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not MeetingAnnouncementPage.objects.filter(slug__startswith="bench-").exists()
    assert MeetingAnnouncementPage.objects.count() == others
    assert Page.find_problems() == ([], [], [], [], [])


def test_seeding_again_needs_reset_or_reuse(seeded):
    with pytest.raises(CommandError):
        call_command("seed_bench", announcements=1, meetings_per=1, quiet=True)


def test_the_plain_page_the_benchmark_compares_with_is_published_once(seeded, client):
    from home.models import StandardPage

    call_command(
        "seed_bench",
        announcements=ANNOUNCEMENTS,
        meetings_per=MEETINGS_PER,
        reuse=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    plain = StandardPage.objects.get(slug="bench-plain-page")
    response = client.get(plain.url)

    assert plain.live and plain.live_revision_id and plain.locale == polish()
    assert response.status_code == 200
    assert "<h1>Współpraca z organizacjami</h1>" in response.content.decode()
    assert Page.find_problems() == ([], [], [], [], [])
