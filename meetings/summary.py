"""A meeting's summary in lists (the schedule, a sphere's page, search results, a host's home
page), rendered by ``{% meeting_summary meeting %}``.

``meetings/includes/meeting_summary.html`` says what a summary is. A list renders dozens of
them, and the template engine's work for each (about 2,000 calls) was the largest part of a
schedule rendered from scratch, so while that template is the plugin's own, ``summary_html``
writes the same bytes directly (``tests/test_meeting_summary.py`` compares the two for every
kind of meeting and each language). A host that overrides the template gets its template.
"""

from pathlib import Path

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext

from meetings import formatting
from meetings.choices import AttendanceMode, MeetingStatus
from meetings.templatetags.meetings_tags import (
    ics_url,
    iso_datetime,
    meeting_when_html,
    sphere_tags,
)
from meetings.urls import page_url

TEMPLATE = "meetings/includes/meeting_summary.html"


def is_own(template) -> bool:
    """Whether ``template`` (an engine's Template) is the plugin's own summary template."""
    origin = getattr(template, "origin", None)
    own = Path(apps.get_app_config("meetings").path) / "templates" / TEMPLATE
    return origin is not None and Path(origin.name) == own


def summary_html(meeting, *, schedule=None, request=None) -> SafeString:
    """What ``meetings/includes/meeting_summary.html`` renders for ``meeting`` (with
    ``localized_venue`` and ``localized_spheres``), byte for byte."""
    start = timezone.localtime(meeting.start)
    ended = meeting.has_ended
    status = meeting.status
    when = formatting.format_meeting_when(meeting.start, meeting.end)
    key = meeting.translation_key
    article = "meeting-summary"
    if meeting.is_cancelled:
        article += " meeting-summary--cancelled"
    if ended:
        article += " meeting-summary--past"
    if status != MeetingStatus.PLANNED:
        badge = format_html(
            ' <span class="badge badge--{}">{}</span>', status, meeting.get_status_display()
        )
    elif ended:
        badge = format_html(' <span class="badge badge--past">{}</span>', gettext("took place"))
    else:
        badge = ""
    note = ""
    if status != MeetingStatus.PLANNED and meeting.status_note:
        note = format_html('<p class="status-note">{}</p>', meeting.status_note)
    venue = meeting.localized_venue
    if venue:
        place = format_html('{}, <span class="nowrap">{}</span>', venue.name, venue.street_address)
        if meeting.attendance_mode == AttendanceMode.HYBRID:
            place += format_html(" · {}", meeting.get_attendance_mode_display())
    else:
        place = conditional_escape(capfirst(meeting.get_attendance_mode_display()))
    spheres = ""
    if meeting.localized_spheres:
        spheres = sphere_tags(
            meeting.localized_spheres, schedule, gettext("Spheres of public benefit")
        )
    actions = ""
    if meeting.offers_actions:
        actions = format_html(
            '<p class="meeting-summary__actions"><a href="{}" download>{}'
            '<span class="visually-hidden"> — {}, {}</span></a></p>',
            ics_url(meeting),
            gettext("Add to calendar"),
            meeting.topic,
            when,
        )
    return format_html(
        "\n"
        '<article class="{}" aria-labelledby="summary-{}">\n'
        '  <p class="date-block" aria-hidden="true"><span class="date-block__day">{}</span> '
        '<span class="date-block__month">{}</span> '
        '<span class="date-block__weekday">{}</span></p>\n'
        '  <div class="meeting-summary__body">\n'
        '    <h3 id="summary-{}"><a href="{}#{}">{}<span class="visually-hidden"> — {}</span>'
        "</a>{}</h3>\n"
        '    <p class="meeting-when"><time datetime="{}">{}</time></p>\n'
        "    {}\n"
        "    <p>{}</p>\n"
        '    <p class="muted">{} {}</p>\n'
        "    {}\n"
        "    {}\n"
        "  </div>\n"
        "</article>\n",
        article,
        key,
        date_format(start, "j"),
        date_format(start, "M"),
        date_format(start, "D"),
        key,
        page_url(meeting.page, request),
        meeting.anchor,
        meeting.topic,
        when,
        badge,
        iso_datetime(meeting.start),
        meeting_when_html(meeting),
        note,
        place,
        gettext("Announcement:"),
        meeting.page.title,
        spheres,
        actions,
    )
