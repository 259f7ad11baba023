"""A meeting in a list: ``{% meeting_summary %}`` writes what the plugin's template
``meetings/includes/meeting_summary.html`` renders, byte for byte, for every meeting of the
demo site in each language (planned, moved, postponed, cancelled, past; in person, online,
hybrid; with and without spheres) and for hostile text; a host's own template wins."""

import pytest
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Locale

from meetings import selectors
from meetings.models import Meeting, SchedulePage
from meetings.summary import TEMPLATE, summary_html
from meetings.written import is_own


def meetings_in(language):
    locale = Locale.objects.get(language_code=language)
    return selectors.with_localized_relations(
        selectors.public_meetings(locale=locale), locale=locale
    ), SchedulePage.objects.filter(locale=locale).first()


def template_html(meeting, schedule, request):
    return render_to_string(TEMPLATE, {"meeting": meeting, "schedule": schedule}, request)


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_every_demo_meeting_is_written_as_the_template_renders_it(demo, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        meetings, schedule = meetings_in(language)
        statuses = {meeting.status for meeting in meetings}
        assert statuses >= {"planned", "cancelled"}
        assert any(meeting.has_ended for meeting in meetings)
        assert {meeting.attendance_mode for meeting in meetings} >= {"in_person", "online"}
        for meeting in meetings:
            for shown_in in (schedule, None):  # the schedule's sphere links, or plain tags
                assert summary_html(meeting, schedule=shown_in, request=request) == (
                    template_html(meeting, shown_in, request)
                )


@pytest.mark.parametrize("status", [choice.value for choice in Meeting.Status])
@pytest.mark.parametrize("mode", [choice.value for choice in Meeting.AttendanceMode])
def test_hostile_text_is_escaped_as_the_template_escapes_it(demo, status, mode):
    request = RequestFactory().get("/")
    meetings, schedule = meetings_in("pl")
    meeting = meetings[0]
    hostile = '<script>alert("x")</script> & \'quoted\' {{ nothing }} {% now "Y" %}'
    meeting.topic = meeting.status_note = meeting.page.title = hostile
    meeting.status, meeting.attendance_mode = status, mode
    if meeting.localized_venue:
        meeting.localized_venue.name = meeting.localized_venue.street_address = hostile
    for sphere in meeting.localized_spheres:
        sphere.display_name = hostile
    written = summary_html(meeting, schedule=schedule, request=request)
    assert "<script>" not in written
    assert written == template_html(meeting, schedule, request)


def test_a_host_template_for_the_summary_is_the_one_rendered(demo, client, tmp_path, settings):
    override = tmp_path / TEMPLATE
    override.parent.mkdir(parents=True)
    override.write_text("<p class=host-summary>{{ meeting.topic }} — {{ schedule.title }}</p>")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    with override_settings(TEMPLATES=templates):
        html = client.get("/harmonogram/").content.decode()
    meetings, schedule = meetings_in("pl")
    upcoming = [m for m in meetings if not m.has_ended]
    assert html.count("<p class=host-summary>") >= len(upcoming) > 0
    assert f"<p class=host-summary>{upcoming[0].topic} — {schedule.title}</p>" in html
    assert 'class="meeting-summary' not in html


def test_the_plugins_own_template_is_the_one_written_directly():
    assert is_own(get_template(TEMPLATE).template, TEMPLATE)
