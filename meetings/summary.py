"""A meeting's summary in lists (the schedule, a sphere's page, search results, a host's home
page), rendered by ``{% meeting_summary meeting %}``, and the spheres' tags
(``{% sphere_tags %}``, ``{{ sphere|name_lang }}``).

``meetings/includes/meeting_summary.html`` says what a summary is. The template engine's work
for each (about 2,000 calls) was the largest part of a schedule rendered from scratch, so
``summary_html`` writes the same bytes directly while that template is the plugin's own
(``meetings.written``; ``tests/test_meeting_summary.py`` compares the two for every kind of
meeting and each language).
"""

from html import escape

from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from meetings import formatting
from meetings.choices import AttendanceMode, MeetingStatus
from meetings.urls import page_url

TEMPLATE = "meetings/includes/meeting_summary.html"


def name_lang(sphere) -> str:
    """{{ sphere|name_lang }}: ` lang="pl"` where a sphere shows a name in another language
    than the page's (one not translated yet), else nothing."""
    language = sphere.name_language
    if language is None or language == get_language():
        return ""
    return format_html(' lang="{}"', language)


def sphere_tags(spheres, schedule=None, label=""):
    """{% sphere_tags spheres schedule label %}: the spheres as tags, each a link to its page in
    the schedule when there is one."""
    tags = mark_safe("".join(_sphere_tag(sphere, schedule) for sphere in spheres))  # noqa: S308
    if label:
        return format_html('<ul class="tags" aria-label="{}">{}</ul>', label, tags)
    return format_html('<ul class="tags">{}</ul>', tags)


def _sphere_tag(sphere, schedule) -> str:
    """One sphere's tag, made once per sphere object (a list's meetings share them), schedule
    and language."""
    kept = sphere.__dict__.setdefault("_tags", {})
    key = (schedule.pk if schedule else None, get_language())
    if key not in kept:
        if schedule:
            kept[key] = format_html(
                '<li><a class="tag" href="{}"{}>{}</a></li>',
                schedule.sphere_url(sphere),
                name_lang(sphere),
                sphere.display_name,
            )
        else:
            kept[key] = format_html(
                '<li><span class="tag"{}>{}</span></li>', name_lang(sphere), sphere.display_name
            )
    return kept[key]


def summary_html(meeting, *, schedule=None, request=None) -> SafeString:
    """What ``meetings/includes/meeting_summary.html`` renders for ``meeting`` (with
    ``localized_venue`` and ``localized_spheres``), byte for byte."""
    start = DateFormat(timezone.localtime(meeting.start))
    ended = meeting.has_ended
    status = meeting.status
    day, hours = formatting.meeting_when_parts(meeting.start, meeting.end)
    when = escaped(f"{day}, {hours}")
    key = meeting.translation_key
    topic = escaped(meeting.topic)
    article = "meeting-summary"
    if meeting.is_cancelled:
        article += " meeting-summary--cancelled"
    if ended:
        article += " meeting-summary--past"
    badge = status_badge(meeting)
    note = spheres = actions = ""
    if status != MeetingStatus.PLANNED and meeting.status_note:
        note = f'<p class="status-note">{escaped(meeting.status_note)}</p>'
    venue = meeting.localized_venue
    if venue:
        place = (
            f'{escaped(venue.name)}, <span class="nowrap">{escaped(venue.street_address)}</span>'
        )
        if meeting.attendance_mode == AttendanceMode.HYBRID:
            place += f" · {escaped(meeting.get_attendance_mode_display())}"
    else:
        place = escaped(capfirst(meeting.get_attendance_mode_display()))
    if meeting.localized_spheres:
        label = gettext("Spheres of public benefit")
        spheres = sphere_tags(meeting.localized_spheres, schedule, label)
    if meeting.offers_actions:
        ics = escaped(meeting.page.meeting_ics_url(meeting, request))
        actions = (
            f'<p class="meeting-summary__actions"><a href="{ics}" '
            f"download>{escaped(gettext('Add to calendar'))}"
            f'<span class="visually-hidden"> — {topic}, {when}</span></a></p>'
        )
    return SafeString(
        "\n"
        f'<article class="{article}" aria-labelledby="summary-{key}">\n'
        '  <p class="date-block" aria-hidden="true">'
        f'<span class="date-block__day">{start.j()}</span> '
        f'<span class="date-block__month">{escaped(start.M())}</span> '
        f'<span class="date-block__weekday">{escaped(start.D())}</span></p>\n'
        '  <div class="meeting-summary__body">\n'
        f'    <h3 id="summary-{key}"><a href="{escaped(page_url(meeting.page, request))}'
        f'#{escaped(meeting.anchor)}">{topic}<span class="visually-hidden"> — {when}</span>'
        f"</a>{badge}</h3>\n"
        f'    <p class="meeting-when"><time datetime="{iso_datetime(meeting.start)}">'
        f"{when_html(day, hours)}</time></p>\n"
        f"    {note}\n"
        f"    <p>{place}</p>\n"
        f'    <p class="muted">{escaped(gettext("Announcement:"))} '
        f"{escaped(meeting.page.title)}</p>\n"
        f"    {spheres}\n"
        f"    {actions}\n"
        "  </div>\n"
        "</article>\n"
    )


def status_badge(meeting) -> str:
    """The badge after a meeting's title: its status, or that it took place."""
    if meeting.status != MeetingStatus.PLANNED:
        return (
            f' <span class="badge badge--{escaped(meeting.status)}">'
            f"{escaped(meeting.get_status_display())}</span>"
        )
    if meeting.has_ended:
        return f' <span class="badge badge--past">{escaped(gettext("took place"))}</span>'
    return ""


def when_html(day: str, hours: str) -> str:
    """``{{ meeting|meeting_when_html }}``: the full line, its time range kept on one line."""
    return SafeString(f'{escaped(day)}, <span class="nowrap">{escaped(hours)}</span>')


def iso_datetime(value) -> str:
    """``{{ meeting.start|iso_datetime }}``: for <time datetime="…">, in Warsaw time with its
    offset."""
    return formatting.to_local(value).isoformat()


def escaped(value) -> str:
    """A value as the template engine writes it: HTML-escaped unless it is safe already
    (``conditional_escape``, without its per-call overhead)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))
