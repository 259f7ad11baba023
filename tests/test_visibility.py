"""The one visibility rule: what the public may see, and nothing else."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from meetings import selectors
from meetings.models import AnnouncementIndexPage
from meetings.visibility import public_pages
from tests.factories import announcement, english, meeting, polish, warsaw


def visible_pages(locale=None):
    return set(selectors.public_announcements(locale=locale or polish()))


def visible_meetings(locale=None, **kwargs):
    return set(selectors.public_meetings(locale=locale or polish(), **kwargs))


@pytest.mark.django_db
def test_a_published_public_page_and_its_meetings_are_visible(index):
    page = announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10)), meeting(start=warsaw(2058, 6, 24))]
    )

    assert visible_pages() == {page}
    assert visible_meetings() == set(page.meetings.all())
    assert len(visible_meetings()) == 2


@pytest.mark.django_db
def test_a_never_published_page_is_not_visible(index):
    announcement(index, publish=False)

    assert visible_pages() == set()
    assert visible_meetings() == set()


@pytest.mark.django_db
def test_a_draft_of_a_live_page_stays_private(index):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), topic="Opublikowane")])
    draft = page.get_latest_revision_as_object()
    draft.title = "Szkic"
    draft.meetings.add(meeting(start=warsaw(2058, 7, 1), topic="Tylko w szkicu"))
    draft.save_revision()

    assert [p.title for p in visible_pages()] == ["Spotkania branżowe"]
    assert [m.topic for m in visible_meetings()] == ["Opublikowane"]


@pytest.mark.django_db
def test_an_expired_page_is_not_visible_even_before_the_expiry_job_runs(index):
    page = announcement(index)
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()

    assert visible_pages() == set()
    assert visible_meetings() == set()


@pytest.mark.django_db
def test_a_page_marked_expired_is_not_visible(index):
    page = announcement(index)
    page.expired = True
    page.save()

    assert visible_pages() == set()


@pytest.mark.django_db
def test_a_page_scheduled_for_the_future_is_not_visible(index):
    page = announcement(index, publish=False)
    page.go_live_at = timezone.now() + timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()

    assert page.live is False
    assert visible_pages() == set()
    assert visible_meetings() == set()


@pytest.mark.django_db
def test_a_page_under_a_private_parent_is_not_visible(index):
    announcement(index)
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )

    assert visible_pages() == set()
    assert visible_meetings() == set()


@pytest.mark.django_db
def test_a_private_page_is_not_visible(index):
    page = announcement(index)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert visible_pages() == set()


@pytest.mark.django_db
def test_the_private_sections_are_those_wagtail_itself_finds(home, index):
    second_index = AnnouncementIndexPage(title="Archiwum", slug="archiwum")
    home.add_child(instance=second_index)
    second_index.save_revision().publish()
    pages = [announcement(index, title=f"Ogłoszenie {n}", slug=f"o-{n}") for n in range(12)]
    archived = [announcement(second_index, title=f"Archiwum {n}", slug=f"a-{n}") for n in range(3)]

    def ids(pages):
        return {page.pk for page in pages}

    everything = ids(public_pages(locale=None))
    assert everything == ids(Page.objects.live().public())
    for page, kind in [
        (pages[1], PageViewRestriction.LOGIN),
        (second_index, PageViewRestriction.PASSWORD),
    ]:
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="tajne")

    visible = ids(public_pages(locale=None))
    assert visible == ids(Page.objects.live().public())
    assert visible == everything - ids([pages[1], second_index, *archived])


@pytest.mark.django_db
def test_a_page_in_another_locale_is_not_visible(index):
    announcement(index)

    assert visible_pages(english()) == set()
    assert visible_meetings(english()) == set()


@pytest.mark.django_db
def test_upcoming_and_past_split_at_warsaw_midnight_across_the_dst_change(index):
    # Summer time starts on 29 March 2026 at 02:00 in Warsaw. At 00:30 local time
    # (23:30 UTC on the 28th) "today" is already the 29th in Warsaw.
    late_on_saturday = meeting(start=warsaw(2026, 3, 28, 23, 45), hours=1, topic="sobota")
    just_after_midnight = meeting(start=warsaw(2026, 3, 29, 0, 10), hours=1, topic="niedziela")
    after_the_change = meeting(start=warsaw(2026, 3, 29, 3, 0), hours=1, topic="po zmianie")
    announcement(index, meetings=[late_on_saturday, just_after_midnight, after_the_change])
    now = warsaw(2026, 3, 29, 0, 30)

    upcoming = [m.topic for m in selectors.public_meetings(locale=polish(), upcoming=True, now=now)]
    past = [m.topic for m in selectors.public_meetings(locale=polish(), upcoming=False, now=now)]

    assert upcoming == ["niedziela", "po zmianie"]
    assert past == ["sobota"]


@pytest.mark.django_db
def test_the_split_holds_the_day_after_summer_time_ends(index):
    # Winter time starts on 25 October 2026 at 03:00; midnight of the 26th is 23:00 UTC.
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2026, 10, 25, 23, 30), hours=1, topic="przed"),
            meeting(start=warsaw(2026, 10, 26, 0, 15), hours=1, topic="po"),
        ],
    )
    now = warsaw(2026, 10, 26, 0, 30)

    upcoming = [m.topic for m in selectors.public_meetings(locale=polish(), upcoming=True, now=now)]

    assert upcoming == ["po"]
    assert selectors.start_of_local_day(now=now) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
