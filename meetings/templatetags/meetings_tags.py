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
