"""A meeting in full on its announcement's page: ``{% meeting_details %}`` writes what the
plugin's template ``meetings/includes/meeting.html`` renders, byte for byte, for every meeting
of the demo site in each language, for every combination of what the template shows or leaves
out (status, attendance, venue, registration, outcome, minutes, saved or in a preview) and for
hostile text; a host's own template wins."""

import itertools
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation
from wagtail.documents.models import Document

from meetings.details import TEMPLATE, details_html
from meetings.models import Meeting, MeetingAnnouncementPage, Venue
from meetings.written import is_own
from tests.test_meeting_summary import meetings_in

HOSTILE = '<script>alert("x")</script> & \'quoted\' {{ nothing }} {% now "Y" %}'


def assert_written_as_rendered(meeting, schedule, request):
    written = details_html(meeting, schedule=schedule, request=request)
    context = {"meeting": meeting, "schedule": schedule}
    assert written == render_to_string(TEMPLATE, context, request)
    return written


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_every_demo_meeting_is_written_as_the_template_renders_it(demo, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        meetings, schedule = meetings_in(language)
        assert {meeting.status for meeting in meetings} >= {"planned", "cancelled"}
        assert any(meeting.has_ended for meeting in meetings)
        assert any(meeting.registration == "required" for meeting in meetings)
        for meeting in meetings:
            for shown_in in (schedule, None):
                assert_written_as_rendered(meeting, shown_in, request)


VENUES = {
    "none": None,
    "bare": {"postal_code": "", "city": "", "room": "", "floor": "", "step_free_access": False,
             "induction_loop": False, "accessibility_notes": ""},
    "room only": {"postal_code": "", "city": "Kraków", "room": "sala 2", "floor": "",
                  "step_free_access": True, "induction_loop": False, "accessibility_notes": ""},
    "full": {"postal_code": "31-004", "city": "Kraków", "room": "sala 2", "floor": "II piętro",
             "step_free_access": True, "induction_loop": True,
             "accessibility_notes": "Winda od ul. Sienkiewicza."},
    "notes only": {"postal_code": "31-004", "city": "", "room": "", "floor": "parter",
                   "step_free_access": False, "induction_loop": False,
                   "accessibility_notes": "Pętla przy recepcji."},
}  # fmt: skip


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_combination_of_what_a_meeting_shows_is_written_as_rendered(demo, language):
    request = RequestFactory().get("/")
    sized, unsized = (
        Document.objects.create(
            title="Protokół",
            file=ContentFile(b"%PDF-1.4 minutes", name="protokol.pdf"),
            file_size=size,
        )
        for size in (2_345_678, None)
    )
    with translation.override(language):
        meetings, schedule = meetings_in(language)
        meeting = next(m for m in meetings if m.localized_venue and m.localized_spheres)
        shared = {
            name: getattr(meeting.localized_venue, name)
            for name in ("name", "street_address", "latitude", "longitude")
        }
        venues = {
            name: None if fields is None else Venue(**shared, **fields)
            for name, fields in VENUES.items()
        }
        future, past = timezone.now() + timedelta(days=30), timezone.now() - timedelta(days=30)
        registrations = (
            ("not_required", "", "", None),
            ("required", "https://example.org/r", "a@b.pl", future),
            ("required", "", "", None),
        )
        combinations = itertools.product(
            Meeting.Status.values,
            Meeting.AttendanceMode.values,
            VENUES,
            ("", "https://example.org/join"),
            registrations,
            ("", "Ustalono:\nharmonogram & budżet"),
            ("", "<p>Protokół <b>spotkania</b></p>"),
            (None, sized, unsized),
            (future, past),
            (True, False),  # saved, or unsaved in a preview
        )  # fmt: skip
        count = 0
        for (status, mode, venue, online, registration, outcome, minutes, minutes_document,
             start, saved) in combinations:  # fmt: skip
            meeting.status, meeting.attendance_mode, meeting.online_url = status, mode, online
            meeting.status_note = "Zmiana sali." if status != "planned" else ""
            (meeting.registration, meeting.registration_url, meeting.registration_email,
             meeting.registration_deadline) = registration  # fmt: skip
            meeting.outcome, meeting.minutes = outcome, minutes
            meeting.minutes_document = minutes_document
            meeting.start, meeting.end = start, start + timedelta(hours=2)
            meeting.localized_venue = venues[venue]
            pk, meeting.pk = meeting.pk, meeting.pk if saved else None
            assert_written_as_rendered(meeting, schedule, request)
            meeting.pk = pk
            count += 1
    assert count == 4 * 3 * 5 * 2 * 3 * 2 * 2 * 3 * 2 * 2


@pytest.mark.parametrize("status", Meeting.Status.values)
def test_hostile_text_is_escaped_as_the_template_escapes_it(demo, status):
    request = RequestFactory().get("/")
    meetings, schedule = meetings_in("pl")
    meeting = next(m for m in meetings if m.localized_venue and not m.has_ended)
    meeting.topic = meeting.status_note = meeting.outcome = HOSTILE
    meeting.registration, meeting.registration_email = "required", HOSTILE
    meeting.online_url = meeting.registration_url = "javascript:alert(1)"
    meeting.attendance_mode, meeting.status = "hybrid", status
    venue = meeting.localized_venue
    venue.name = venue.street_address = venue.room = venue.accessibility_notes = HOSTILE
    for sphere in meeting.localized_spheres:
        sphere.display_name = HOSTILE

    written = assert_written_as_rendered(meeting, schedule, request)

    assert "<script>" not in written
    assert "javascript:" not in written


def test_a_host_template_for_the_meeting_is_the_one_rendered(demo, client, tmp_path, settings):
    override = tmp_path / TEMPLATE
    override.parent.mkdir(parents=True)
    override.write_text("<p class=host-meeting>{{ meeting.topic }} — {{ page.title }}</p>")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    page = next(p for p in MeetingAnnouncementPage.objects.live() if p.meetings.exists())
    with override_settings(TEMPLATES=templates):
        html = client.get(page.url).content.decode()
    topics = list(page.meetings.order_by("sort_order", "pk").values_list("topic", flat=True))
    assert html.count("<p class=host-meeting>") == len(topics) > 0
    assert f"<p class=host-meeting>{topics[0]} — {page.title}</p>" in html
    assert 'class="meeting__details"' not in html


def test_the_plugins_own_template_is_the_one_written_directly():
    assert is_own(get_template(TEMPLATE).template, TEMPLATE)
