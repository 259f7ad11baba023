from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from meetings import formatting, safe_html

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    """{{ meeting|meeting_when }}: date, weekday and time range in the active language."""
    return formatting.format_meeting_when(meeting.start, meeting.end)


@register.filter
def meeting_when_html(meeting) -> str:
    """As ``meeting_when``, with the time range kept on one line."""
    return format_html(
        '{}, <span class="nowrap">{}</span>',
        formatting.format_date(meeting.start),
        formatting.format_time_range(meeting.start, meeting.end),
    )


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
def name_lang(sphere) -> str:
    """{{ sphere|name_lang }}: ` lang="pl"` where a sphere shows a name in another language
    than the page's (one not translated yet), else nothing."""
    language = sphere.name_language
    if language is None or language == get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
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


@register.simple_tag(takes_context=True)
def meeting_summary(context, meeting):
    """{% meeting_summary meeting %}: the meeting in a list, as
    ``meetings/includes/meeting_summary.html`` renders it with the context's ``schedule``."""
    from meetings import summary  # it imports these tags

    template = context.template.engine.get_template(summary.TEMPLATE)
    if summary.is_own(template):
        return summary.summary_html(
            meeting, schedule=context.get("schedule"), request=context.get("request")
        )
    with context.push(meeting=meeting):
        return template.render(context)


@register.filter
def sphere_url(schedule, sphere) -> str:
    """{{ schedule|sphere_url:sphere }}: the sphere's page in the schedule."""
    return schedule.sphere_url(sphere) if schedule else ""


@register.filter
def ics_url(meeting) -> str:
    """{{ meeting|ics_url }}: the meeting as an iCalendar file."""
    return meeting.page.meeting_ics_url(meeting)


@register.filter
def safe_url(url) -> str:
    """{{ meeting.online_url|safe_url }}: an editor's link, emptied if it could run script."""
    return safe_html.safe_url(url)


@register.filter
def rich_text(value) -> str:
    """{{ meeting.minutes|rich_text }}: like Wagtail's richtext, keeping only editor markup."""
    return mark_safe(safe_html.rich_text_html(getattr(value, "source", value)))  # noqa: S308
