"""One announcement holds at most MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT meetings (default 100):
a thousand inline meetings took minutes to save and to open in the editor."""

import time
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import translation

from meetings.importing import drafts, parser
from meetings.models import Meeting, MeetingAnnouncementPage, Venue
from tests.factories import OrganizerFactory, VenueFactory, announcement, meeting, warsaw
from tests.test_editorial_workflow import announcement_form, meeting_form
from tests.test_import_parser import known_spheres

IMPORT_URL = "/admin/meetings/import/"


def meetings_form(count, venue):
    first = date(2058, 1, 1)
    return [
        meeting_form(
            topic=f"Spotkanie {number + 1}",
            start=f"{first + timedelta(days=number)} 17:00",
            end=f"{first + timedelta(days=number)} 19:00",
            venue=venue,
            sphere_numbers=("15",),
        )
        for number in range(count)
    ]


def add_url(index):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:add", args=("meetings", "meetingannouncementpage", index.pk))


def edit_url(page):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def announcement_text(count: int) -> str:
    """A department's text with ``count`` meetings, each a date, a time, a venue and a sphere."""
    first = date(2058, 1, 1)
    meetings = "\n\n".join(
        f"{day.day}.{day.month:02d}.{day.year} godz. 17:00-19:00, ul. Dekerta 24\n- kultura"
        for day in (first + timedelta(days=number) for number in range(count))
    )
    return (
        "Spotkania branżowe\n\n2057-12-01\n\n"
        "Wydział Kultury i Dziedzictwa Narodowego zaprasza organizacje pozarządowe.\n\n"
        f"{meetings}\n"
    )


def counts():
    return (MeetingAnnouncementPage.objects.count(), Meeting.objects.count(), Venue.objects.count())


# --- The page editor -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_editor_refuses_more_meetings_than_the_cap_with_a_polish_message(client, editor, index):
    venue, organizer = VenueFactory(), OrganizerFactory()
    client.force_login(editor)

    with translation.override("pl"):
        response = client.post(
            add_url(index),
            announcement_form(meetings=meetings_form(101, venue), organizer=organizer),
        )

    assert response.status_code == 200
    assert not MeetingAnnouncementPage.objects.exists()
    formset = response.context["form"].formsets["meetings"]
    assert formset.non_form_errors() == [
        "Za dużo spotkań: jedno ogłoszenie może mieć ich najwyżej 100. "
        "Podziel je na kilka ogłoszeń."
    ]
    assert "Za dużo spotkań" in response.content.decode()


@pytest.mark.django_db
@override_settings(MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT=3)
def test_the_cap_is_a_setting(client, editor, index):
    venue, organizer = VenueFactory(), OrganizerFactory()
    client.force_login(editor)

    refused = client.post(
        add_url(index), announcement_form(meetings=meetings_form(4, venue), organizer=organizer)
    )
    accepted = client.post(
        add_url(index), announcement_form(meetings=meetings_form(3, venue), organizer=organizer)
    )

    assert refused.status_code == 200
    assert "najwyżej 3" in str(refused.context["form"].formsets["meetings"].non_form_errors())
    assert accepted.status_code == 302
    assert MeetingAnnouncementPage.objects.get().meetings.count() == 3


@pytest.mark.django_db
@override_settings(MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT=2)
def test_an_announcement_over_the_cap_can_be_saved_once_meetings_are_deleted(client, editor, index):
    venue, organizer = VenueFactory(), OrganizerFactory()
    page = announcement(
        index,
        publish=False,
        owner=editor,
        meetings=[meeting(start=warsaw(2058, 1, day), venue=venue) for day in (1, 2, 3)],
    )
    client.force_login(editor)
    existing = [
        {**form, "id": m.pk, "DELETE": "1" if number == 0 else ""}
        for number, (form, m) in enumerate(
            zip(meetings_form(3, venue), page.meetings.order_by("sort_order"), strict=True)
        )
    ]
    data = announcement_form(
        meetings=existing, organizer=organizer, title=page.title, slug=page.slug
    )
    data["meetings-INITIAL_FORMS"] = "3"

    response = client.post(edit_url(page), data)

    assert response.status_code == 302, response.context["form"].formsets["meetings"].errors
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().meetings.count() == 2


@pytest.mark.django_db
def test_the_editor_tells_the_browser_the_cap(client, editor, index):
    client.force_login(editor)

    html = client.get(add_url(index)).content.decode()

    assert '"maxForms": 100, "relationName": "meetings"' in html


# --- The import ------------------------------------------------------------------------------


def test_parsing_a_thousand_meetings_stops_at_the_cap_without_running_away():
    text = announcement_text(1000)
    assert len(text) <= parser.MAX_TEXT_LENGTH

    # This process's CPU time, which other processes on the machine do not add to.
    started = time.process_time()
    parsed = parser.parse_announcement(text, spheres=known_spheres(), max_meetings=100)
    elapsed = time.process_time() - started

    assert elapsed < 5
    assert [p.code for p in parsed.problems if p.severity == "error"] == ["too_many_meetings"]


def test_the_parser_stops_before_reading_meetings_over_the_cap(monkeypatch):
    read = []
    original = parser._meeting
    monkeypatch.setattr(parser, "_meeting", lambda *args: read.append(1) or original(*args))

    parsed = parser.parse_announcement(
        announcement_text(4), spheres=known_spheres(), max_meetings=3
    )

    assert read == []
    assert parsed.meetings == []
    assert parsed.has_errors
    with translation.override("pl"):
        assert parser.message("too_many_meetings", count=4, limit=3) == (
            "Tekst zawiera za dużo spotkań (4): jedno ogłoszenie może mieć ich najwyżej 3. "
            "Podziel tekst na kilka ogłoszeń."
        )


def test_the_parser_reads_as_many_meetings_as_the_cap():
    parsed = parser.parse_announcement(
        announcement_text(3), spheres=known_spheres(), max_meetings=3
    )

    assert len(parsed.meetings) == 3
    assert "too_many_meetings" not in [p.code for p in parsed.problems]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["review", "save"])
def test_the_import_refuses_a_text_with_more_meetings_than_the_cap(client, editor, index, action):
    client.force_login(editor)
    before = counts()

    with translation.override("pl"):
        response = client.post(IMPORT_URL, {"text": announcement_text(101), "action": action})

    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == before
    assert "Tekst zawiera za dużo spotkań (101)" in html
    assert "najwyżej 100" in html
    assert "help-critical" in html
    assert "Utwórz szkic" not in html
    assert "Nie rozpoznano żadnych spotkań" not in html


@pytest.mark.django_db
def test_the_import_creates_a_draft_with_as_many_meetings_as_the_cap(client, editor, index):
    client.force_login(editor)

    with override_settings(MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT=3):
        response = client.post(IMPORT_URL, {"text": announcement_text(3), "action": "save"})

    assert response.status_code == 302
    assert MeetingAnnouncementPage.objects.get().meetings.count() == 3


@pytest.mark.django_db
@override_settings(MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT=2)
def test_a_draft_is_never_created_with_more_meetings_than_the_cap(editor, index):
    parsed = parser.parse_announcement(announcement_text(3), spheres=known_spheres())
    assert not parsed.has_errors

    with pytest.raises(drafts.DraftRefused):
        drafts.create_draft(parsed, parent=index, user=editor)

    assert not MeetingAnnouncementPage.objects.exists()
