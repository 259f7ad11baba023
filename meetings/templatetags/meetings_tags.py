from django import template

from meetings import formatting

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    """{{ meeting|meeting_when }}: date, weekday and time range in the active language."""
    return formatting.format_meeting_when(meeting.start, meeting.end)


@register.filter
def long_date(value) -> str:
    """{{ page.published_on|long_date }}: a date without the weekday."""
    if not value:
        return ""
    return formatting.format_date(value, weekday=False)


@register.filter
def iso_datetime(value) -> str:
    """For <time datetime="…">, in Warsaw time with its offset."""
    return formatting.to_local(value).isoformat()


@register.filter
def sphere_url(schedule, sphere) -> str:
    """{{ schedule|sphere_url:sphere }}: the sphere's page in the schedule."""
    return schedule.sphere_url(sphere) if schedule else ""


@register.filter
def ics_url(meeting) -> str:
    """{{ meeting|ics_url }}: the meeting as an iCalendar file."""
    return meeting.page.meeting_ics_url(meeting)
