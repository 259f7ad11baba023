"""A meeting in full on its announcement's page, rendered by ``{% meeting_details meeting %}``.

``meetings/includes/meeting.html`` says what it shows. The template engine's work for each
meeting (about 1,900 calls) was a third of an announcement rendered from scratch, so
``details_html`` writes the same bytes directly while that template is the plugin's own
(``meetings.written``; ``tests/test_meeting_details.py`` compares the two for every kind of
meeting and each language).
"""

from django.template.defaultfilters import capfirst, filesizeformat, linebreaksbr
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from meetings import formatting, safe_html
from meetings.choices import AttendanceMode, MeetingStatus, Registration
from meetings.summary import escaped, iso_datetime, sphere_tags, status_badge, when_html

TEMPLATE = "meetings/includes/meeting.html"


def details_html(meeting, *, schedule=None, request=None) -> SafeString:
    """What ``meetings/includes/meeting.html`` renders for ``meeting`` (with
    ``localized_venue`` and ``localized_spheres``), byte for byte."""
    anchor = escaped(meeting.anchor)
    day, hours = formatting.meeting_when_parts(meeting.start, meeting.end)
    when = escaped(f"{day}, {hours}")
    offers_actions = meeting.offers_actions
    note = online = ""
    if meeting.status != MeetingStatus.PLANNED and meeting.status_note:
        note = f'\n  <p class="status-note">{escaped(meeting.status_note)}</p>\n  '
    if (
        meeting.online_url
        and meeting.attendance_mode != AttendanceMode.IN_PERSON
        and offers_actions
    ):
        online = (
            f' — <a href="{escaped(safe_html.safe_url(meeting.online_url))}">'
            f"{escaped(gettext('link to the online meeting'))}</a>"
        )
    cancelled = " meeting--cancelled" if meeting.is_cancelled else ""
    return SafeString(
        "\n"
        f'<article class="meeting{cancelled}" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        f'  <h3 id="{anchor}-title"><time datetime="{escaped(iso_datetime(meeting.start))}">'
        f"{when_html(day, hours)}</time>{status_badge(meeting)}</h3>\n"
        f"  {note}\n"
        '  <dl class="meeting__details">\n'
        f"    <dt>{escaped(gettext('Topic'))}</dt>\n"
        f"    <dd>{escaped(meeting.topic)}</dd>\n"
        f"    <dt>{escaped(gettext('Attendance'))}</dt>\n"
        f"    <dd>{escaped(capfirst(meeting.get_attendance_mode_display()))}{online}</dd>\n"
        f"    {_venue(getattr(meeting, 'localized_venue', None))}\n"
        f"    <dt>{escaped(gettext('Spheres of public benefit'))}</dt>\n"
        "    <dd>\n"
        f"      {sphere_tags(getattr(meeting, 'localized_spheres', None) or [], schedule)}\n"
        "    </dd>\n"
        f"    <dt>{escaped(gettext('Registration'))}</dt>\n"
        "    <dd>\n"
        f"      {escaped(capfirst(meeting.get_registration_display()))}\n"
        f"      {_registration(meeting) if offers_actions else ''}\n"
        "    </dd>\n"
        "  </dl>\n"
        f"  {_after(meeting, anchor, when)}\n"
        f"  {_actions(meeting, when, request) if meeting.pk and offers_actions else ''}\n"
        "</article>\n"
    )


def _venue(venue) -> str:
    if not venue:
        return ""
    name = escaped(venue.name)
    town = ""
    if venue.postal_code or venue.city:
        town = f", {escaped(venue.postal_code)} {escaped(venue.city)}"
    room = ""
    if venue.room or venue.floor:
        comma = ", " if venue.room and venue.floor else ""
        room = f"<br>{escaped(venue.room)}{comma}{escaped(venue.floor)}"
    access = ""
    if venue.step_free_access or venue.induction_loop or venue.accessibility_notes:
        step_free = escaped(gettext("Step-free access.")) + " " if venue.step_free_access else ""
        loop = escaped(gettext("Induction loop.")) + " " if venue.induction_loop else ""
        access = (
            '\n      <p class="meeting__access">\n'
            f"        {step_free}\n"
            f"        {loop}\n"
            f"        {escaped(venue.accessibility_notes)}\n"
            "      </p>\n      "
        )
    return (
        "\n"
        f"    <dt>{escaped(gettext('Venue'))}</dt>\n"
        "    <dd>\n"
        "      <address>\n"
        f"        {name}<br>\n"
        f"        {escaped(venue.street_address)}{town}\n"
        f"        {room}\n"
        "      </address>\n"
        f"      {access}\n"
        f'      <a href="{escaped(venue.map_url)}">{escaped(gettext("Show on the map"))}'
        f'<span class="visually-hidden"> — {name}</span></a>\n'
        "    </dd>\n    "
    )


def _registration(meeting) -> str:
    if meeting.registration != Registration.REQUIRED:
        return ""
    link = email = deadline = ""
    if meeting.registration_url:
        link = (
            f' — <a href="{escaped(safe_html.safe_url(meeting.registration_url))}">'
            f"{escaped(gettext('register'))}</a>"
        )
    if meeting.registration_email:
        address = escaped(meeting.registration_email)
        email = f' — <a href="mailto:{address}">{address}</a>'
    if meeting.registration_deadline:
        date = formatting.format_date(meeting.registration_deadline, weekday=False)
        deadline = f"<br>{escaped(gettext('Deadline:'))} {escaped(date)}"
    return f"\n        {link}\n        {email}\n        {deadline}\n      "


def _after(meeting, anchor: str, when: str) -> str:
    if not (meeting.outcome or meeting.has_minutes):
        return ""
    outcome = f"<p>{linebreaksbr(meeting.outcome)}</p>" if meeting.outcome else ""
    document = meeting.minutes_document
    minutes_link = ""
    if document:
        size = f", {escaped(filesizeformat(document.file_size))}" if document.file_size else ""
        minutes_link = (
            f'\n    <p><a class="document-link" href="{escaped(document.url)}">'
            f"{escaped(gettext('Minutes of the meeting'))}"
            f'<span class="document-link__meta"> ({escaped(document.file_extension.upper())}'
            f"{size})</span>"
            f'<span class="visually-hidden"> — {when}</span></a></p>\n    '
        )
    minutes = ""
    if meeting.minutes:
        source = getattr(meeting.minutes, "source", meeting.minutes)
        minutes = (
            f'<div class="meeting__minutes rich-text">{safe_html.rich_text_html(source)}</div>'
        )
    return (
        "\n"
        f'  <section class="meeting__after" aria-labelledby="{anchor}-after">\n'
        f'    <h4 id="{anchor}-after">{escaped(gettext("After the meeting"))}</h4>\n'
        f"    {outcome}\n"
        f"    {minutes_link}\n"
        f"    {minutes}\n"
        "  </section>\n  "
    )


def _actions(meeting, when: str, request) -> str:
    return (
        '<p class="meeting__actions"><a class="button button--secondary" '
        f'href="{escaped(meeting.page.meeting_ics_url(meeting, request))}" download>'
        f"{escaped(gettext('Add to calendar'))}"
        f'<span class="visually-hidden"> — {when}</span></a></p>'
    )
