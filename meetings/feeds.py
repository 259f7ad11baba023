"""RSS of announcements, one feed per language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from meetings import formatting, selectors
from meetings.ical import minutes_url
from meetings.models import Meeting
from meetings.safe_html import xml_text
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
        return xml_text(self.index_page.title)

    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return page_file_url(self.index_page, "rss", full=True, request=self.request)

    def description(self):
        return xml_text(self.index_page.intro or self.index_page.title)

    def items(self):
        meetings = Meeting.objects.select_related("minutes_document").order_by("start", "pk")
        return (
            selectors.public_announcements(locale=self.index_page.locale)
            .select_related("locale")
            .prefetch_related(Prefetch("meetings", queryset=meetings))
            .order_by("-first_published_at")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        lines = [item.lead]
        url = self.item_link(item)
        for meeting in item.meetings.all():
            if meeting.has_minutes:
                when = formatting.format_meeting_when(
                    meeting.start, meeting.end, language=item.locale.language_code
                )
                link = minutes_url(meeting, page_url=f"{url}#{meeting.anchor}")
                lines.append(
                    _("Minutes of the meeting of %(when)s: %(url)s") % {"when": when, "url": link}
                )
        return xml_text("\n\n".join(lines))

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
