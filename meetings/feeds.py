"""RSS of announcements, one feed per language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from meetings import selectors
from meetings.urls import page_file_url

FEED_ITEMS = 50


class AnnouncementsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return page_file_url(self.index_page, "rss", full=True, request=self.request)

    def description(self):
        return self.index_page.intro or self.index_page.title

    def items(self):
        return selectors.public_announcements(locale=self.index_page.locale).order_by(
            "-first_published_at"
        )[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item.publication_date:
            return datetime.combine(
                item.publication_date, time(12), tzinfo=timezone.get_current_timezone()
            )
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
