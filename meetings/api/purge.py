"""With Wagtail's frontend cache configured, publishing also purges the API's URLs.

Wagtail purges a page's own URL; the portal reads the API, whose listings and details change
too. Filtered listings cannot be listed one by one: they expire after API_CACHE_MAX_AGE.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from meetings.models import Meeting, MeetingAnnouncementPage

LISTINGS = ("meetings/", "announcements/", "schedule/", "spheres/")


def api_urls_for(page) -> list[str]:
    """The API URLs whose responses may change when ``page`` is published or unpublished."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    root = f"{site.root_url}/api/v1/"
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


def purge_api(sender, instance, **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(api_urls_for(instance.specific))
