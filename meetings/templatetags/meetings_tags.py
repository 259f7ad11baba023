from django import template
from django.utils.safestring import mark_safe

from meetings import details, formatting, safe_html, summary, written
from meetings.blocks import linked_page

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    """{{ meeting|meeting_when }}: date, weekday and time range in the active language."""
    return formatting.format_meeting_when(meeting.start, meeting.end)


@register.filter
def meeting_when_html(meeting) -> str:
    """As ``meeting_when``, with the time range kept on one line."""
    return summary.when_html(*formatting.meeting_when_parts(meeting.start, meeting.end))


@register.filter
def long_date(value) -> str:
    """{{ page.published_on|long_date }}: a date without the weekday."""
    if not value:
        return ""
    return formatting.format_date(value, weekday=False)


@register.filter
def iso_datetime(value) -> str:
    """For <time datetime="…">, in Warsaw time with its offset."""
    return summary.iso_datetime(value)


register.filter("name_lang", summary.name_lang)


@register.filter
def in_language_of(linked, page):
    """{% pageurl link.page|in_language_of:page %}: the linked page in the language of the
    page whose body links to it (``meetings.blocks.linked_page``)."""
    return linked_page(linked, page.locale_id) if page else linked.localized


register.simple_tag(summary.sphere_tags, name="sphere_tags")


@register.simple_tag(takes_context=True)
def meeting_summary(context, meeting):
    """{% meeting_summary meeting %}: the meeting in a list, as
    ``meetings/includes/meeting_summary.html`` renders it with the context's ``schedule``."""
    return written.render(context, summary.TEMPLATE, summary.summary_html, meeting)


@register.simple_tag(takes_context=True)
def meeting_details(context, meeting):
    """{% meeting_details meeting %}: the meeting in full on its announcement's page, as
    ``meetings/includes/meeting.html`` renders it with the context's ``schedule``."""
    return written.render(context, details.TEMPLATE, details.details_html, meeting)


@register.filter
def sphere_url(schedule, sphere) -> str:
    """{{ schedule|sphere_url:sphere }}: the sphere's page in the schedule."""
    return schedule.sphere_url(sphere) if schedule else ""


@register.filter
def ics_url(meeting) -> str:
    """{{ meeting|ics_url }}: the meeting as an iCalendar file, for templates of a host that
    copied the plugin's before ``meeting_ics_url``; with the host where a site has several."""
    return meeting.page.meeting_ics_url(meeting)


@register.simple_tag(takes_context=True)
def meeting_ics_url(context, meeting) -> str:
    """{% meeting_ics_url meeting %}: the meeting as an iCalendar file, linked as its page is
    (``pageurl``): from the site's own pages without the host."""
    return meeting.page.meeting_ics_url(meeting, context.get("request"))


@register.filter
def safe_url(url) -> str:
    """{{ meeting.online_url|safe_url }}: an editor's link, emptied if it could run script."""
    return safe_html.safe_url(url)


@register.filter
def rich_text(value) -> str:
    """{{ meeting.minutes|rich_text }}: like Wagtail's richtext, keeping only editor markup."""
    return mark_safe(safe_html.rich_text_html(getattr(value, "source", value)))  # noqa: S308
