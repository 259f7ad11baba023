"""With Wagtail's frontend cache configured, publishing also purges the API's and feeds' URLs.

Wagtail purges a page's own URL; the portal reads the API, calendars read the feeds, and the
listings show the page too: they all change with it. Filtered listings and feeds cannot be
listed one by one: they expire after API_CACHE_MAX_AGE (the API) or the CDN's own lifetime.
"""

from urllib.parse import urljoin

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from meetings import selectors
from meetings.conf import plugin_settings
from meetings.models import AnnouncementIndexPage, Meeting, MeetingAnnouncementPage, Sphere
from meetings.urls import page_file_url

LISTINGS = ("meetings/", "announcements/", "schedule/", "spheres/")


def api_urls_for(page) -> list[str]:
    """The API URLs whose responses may change when ``page`` is published or unpublished."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    root = f"{site.root_url}{plugin_settings.API_PREFIX}"
    language = page.locale.language_code
    urls = [root + listing for listing in LISTINGS]
    urls += [f"{root}{listing}?locale={language}" for listing in LISTINGS]
    if isinstance(page, MeetingAnnouncementPage):
        urls += [
            f"{root}announcements/{page.pk}/",
            f"{root}announcements/{page.pk}/?locale={language}",
        ]
        for meeting_id in Meeting.objects.filter(page_id=page.pk).values_list("pk", flat=True):
            urls += [
                f"{root}meetings/{meeting_id}/",
                f"{root}meetings/{meeting_id}/?locale={language}",
            ]
    return list(dict.fromkeys(urls))


def feed_urls_for(page) -> list[str]:
    """The feeds and listing pages whose content may change when ``page`` is published or
    unpublished: its ancestors (the home page, the announcements and their RSS feed), the
    schedule with its calendar feed, the pages and feeds of its meetings' spheres, and each
    meeting's ``.ics``."""
    urls = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).live().specific():
        urls.append(ancestor.get_full_url())
        if isinstance(ancestor, AnnouncementIndexPage):
            urls.append(page_file_url(ancestor, "rss", full=True))
    schedule = selectors.schedule_page(locale=page.locale)
    if schedule is not None:
        feed = page_file_url(schedule, "feed", full=True)
        urls += [schedule.get_full_url(), feed]
    if isinstance(page, MeetingAnnouncementPage):
        meetings = list(Meeting.objects.filter(page_id=page.pk).prefetch_related("spheres"))
        urls += [
            page_file_url(page, "meeting_ics", full=True, key=str(meeting.translation_key))
            for meeting in meetings
        ]
        keys = {sphere.translation_key for meeting in meetings for sphere in meeting.spheres.all()}
        if schedule is not None and keys:
            for sphere in Sphere.objects.filter(translation_key__in=keys, locale=page.locale):
                urls.append(urljoin(schedule.get_full_url(), schedule.sphere_url(sphere)))
                urls.append(f"{feed}?sphere={sphere.slug}")
    return [url for url in dict.fromkeys(urls) if url]


def purge_api_and_feeds(sender, instance, **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        page = instance.specific
        purge_urls_from_cache(api_urls_for(page) + feed_urls_for(page))
