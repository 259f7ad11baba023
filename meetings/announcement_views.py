"""What the announcement pages render: the list of announcements, its RSS feed, one
announcement, and its headless preview for the portal. The page models delegate here."""

import copy
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse

from meetings import preview, selectors
from meetings.feeds import AnnouncementsFeed
from meetings.middleware import feed_validators
from meetings.publication import kept_per_version
from meetings.structured_data import meeting_events, to_script_json
from meetings.urls import page_file_url


def index_context(page, request, context: dict) -> dict:
    context["announcements"] = selectors.newest_first(
        selectors.public_announcements(locale=page.locale)
    )
    context["rss_url"] = page_file_url(page, "rss", request=request)
    return context


@feed_validators
def rss(request, page):
    return AnnouncementsFeed(page)(request)


def announcement_context(page, request, context: dict) -> dict:
    context["meetings"] = selectors.with_localized_relations(
        selectors.meetings_of(page), locale=page.locale
    )
    context["organizers"] = selectors.organizers_of(page, locale=page.locale)
    context["consultation"] = selectors.consultation_of(page, locale=page.locale)
    context["schedule"] = schedule_of(request, page.locale)
    page_url = page.get_full_url(request)
    events = meeting_events(
        context["meetings"],
        url_for=lambda m: f"{page_url}#{m.anchor}",
        organizers=context["organizers"],
    )
    context["structured_data"] = to_script_json(events) if events else ""
    split = selectors.start_of_local_day()
    context["is_archival"] = bool(context["meetings"]) and all(
        meeting.end < split for meeting in context["meetings"]
    )
    return context


def schedule_of(request, locale):
    """The schedule page an announcement links to, found once per publication version (each
    request gets a copy of its own)."""
    key = ("schedule", locale.pk)
    schedule = copy.copy(
        kept_per_version(request, key, lambda: selectors.schedule_page(locale=locale))
    )
    if schedule is not None:
        schedule.locale = locale  # found in it: no query of its own for it
    return schedule


def portal_preview(request, page):
    """The draft as the portal will get it: a signed, short-lived token for the API."""
    token = preview.create_token(page)
    response = TemplateResponse(
        request,
        "meetings/headless_preview.html",
        {
            "page": page,
            "token": token,
            "portal_url": preview.portal_url(token),
            "api_url": reverse("meetings_api_v1:preview") + "?" + urlencode({"token": token}),
            "max_age_minutes": preview.max_age() // 60,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
