"""Editors cannot lose meetings by accident, and time changes leave a trace."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageLogEntry

from meetings.models import Meeting, MeetingAnnouncementPage, Organizer, Venue
from tests.factories import VenueFactory, announcement, meeting, warsaw


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_deleting_names_the_upcoming_meetings(admin_client, index):
    page = announcement(
        index,
        meetings=[
            meeting(start=warsaw(2059, 3, 4, 10), topic="Budżet obywatelski"),
            meeting(start=warsaw(2059, 3, 11, 10), topic="Ekologia"),
            meeting(start=warsaw(2020, 3, 11, 10), topic="Dawno temu"),
        ],
    )

    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 200
    [warning] = messages_of(response)
    assert "2 nadchodzące spotkania" in warning
    assert "4 marca 2059 r. (wtorek), godz. 10:00–12:00 — Budżet obywatelski" in warning
    assert "Ekologia" in warning
    assert "Dawno temu" not in warning


@pytest.mark.django_db
def test_no_warning_for_an_announcement_whose_meetings_are_over(admin_client, index):
    page = announcement(index, meetings=[meeting(start=warsaw(2020, 3, 11, 10))])

    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert messages_of(response) == []


@pytest.mark.django_db
def test_deleting_after_the_warning_still_works(admin_client, index):
    page = announcement(index, meetings=[meeting(start=warsaw(2059, 3, 4, 10))])

    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert not MeetingAnnouncementPage.objects.filter(pk=page.pk).exists()
    assert not Meeting.objects.filter(page_id=page.pk).exists()


def delete_snippet(client, obj):
    url = reverse(f"wagtailsnippets_meetings_{obj._meta.model_name}:delete", args=[obj.pk])
    return client.post(url, follow=True)


@pytest.mark.django_db
def test_a_venue_used_by_a_published_announcement_cannot_be_deleted(admin_client, index):
    venue = VenueFactory()
    announcement(
        index, title="Ogłoszenie z salą", meetings=[meeting(start=warsaw(2059, 3, 4), venue=venue)]
    )

    response = delete_snippet(admin_client, venue)

    assert Venue.objects.filter(pk=venue.pk).exists()
    assert any("nie można usunąć" in m and "Ogłoszenie z salą" in m for m in messages_of(response))


@pytest.mark.django_db
def test_a_venue_used_only_by_a_draft_cannot_be_deleted(admin_client, index):
    page = announcement(index, title="Ogłoszenie w szkicu").specific
    venue = VenueFactory()
    draft_meeting = page.meetings.get()
    draft_meeting.venue = venue
    page.meetings = [draft_meeting]
    page.save_revision()

    response = delete_snippet(admin_client, venue)

    assert Venue.objects.filter(pk=venue.pk).exists()
    assert any("Ogłoszenie w szkicu" in m for m in messages_of(response))


@pytest.mark.django_db
def test_an_organiser_in_use_cannot_be_deleted(admin_client, index):
    page = announcement(index, title="Ogłoszenie wydziału")
    organizer = page.organizer_links.get().organizer

    response = delete_snippet(admin_client, organizer)

    assert Organizer.objects.filter(pk=organizer.pk).exists()
    assert any("Ogłoszenie wydziału" in m for m in messages_of(response))


@pytest.mark.django_db
def test_an_unused_venue_can_be_deleted(admin_client, index):
    venue = VenueFactory()

    delete_snippet(admin_client, venue)

    assert not Venue.objects.filter(pk=venue.pk).exists()


def reschedule(page, *, hours: int, **changes):
    page = MeetingAnnouncementPage.objects.get(pk=page.pk)
    changed = page.meetings.get()
    changed.start += timedelta(hours=hours)
    changed.end += timedelta(hours=hours)
    for name, value in changes.items():
        setattr(changed, name, value)
    page.meetings = [changed]
    return page.save_revision()


@pytest.mark.django_db
def test_a_published_time_change_is_recorded_in_the_page_history(admin_client, index):
    page = announcement(
        index, meetings=[meeting(start=warsaw(2059, 3, 4, 10), topic="Budżet obywatelski")]
    )

    reschedule(page, hours=2).publish()

    entry = PageLogEntry.objects.get(page=page, action="meetings.reschedule")
    [change] = entry.data["meetings"]
    assert change["topic"] == "Budżet obywatelski"
    assert change["old"]["start"].startswith("2059-03-04T09:00")
    assert change["new"]["start"].startswith("2059-03-04T11:00")
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "godz. 10:00–12:00" in history.content.decode()
    assert "godz. 12:00–14:00" in history.content.decode()


@pytest.mark.django_db
def test_a_time_change_makes_calendars_update_the_event(client, index):
    page = announcement(index, meetings=[meeting(start=warsaw(2059, 3, 4, 10))])
    key = page.meetings.get().translation_key
    before = Calendar.from_ical(client.get(f"{page.url}{key}.ics").content).walk("VEVENT")[0]

    reschedule(page, hours=2).publish()

    after = Calendar.from_ical(client.get(f"{page.url}{key}.ics").content).walk("VEVENT")[0]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == warsaw(2059, 3, 4, 12)


@pytest.mark.django_db
def test_other_changes_and_unpublished_drafts_record_no_time_change(index):
    page = announcement(index, meetings=[meeting(start=warsaw(2059, 3, 4, 10))])

    reschedule(page, hours=0, topic="Nowy temat").publish()
    reschedule(page, hours=3)

    assert not PageLogEntry.objects.filter(page=page, action="meetings.reschedule").exists()


@pytest.mark.django_db
def test_the_first_publication_records_no_time_change(index):
    page = announcement(index, publish=False, meetings=[meeting(start=warsaw(2059, 3, 4, 10))])
    revision = reschedule(page, hours=1)

    revision.publish()

    assert not PageLogEntry.objects.filter(page=page, action="meetings.reschedule").exists()
    assert timezone.localtime(Meeting.objects.get(page=page).start).hour == 11
