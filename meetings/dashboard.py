"""Panels of the admin's dashboard: what is coming up and what waits for a moderator."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from meetings import selectors
from meetings.choices import AnnouncementState
from meetings.formatting import format_date, format_time_range
from meetings.reports import edit_url


class UpcomingMeetingsPanel(Component):
    """The next meetings of the announcements the user may edit or the public may see, drafts
    among them, in the language editors write in."""

    name = "upcoming_meetings"
    template_name = "meetings/admin/upcoming_meetings_panel.html"
    order = 100
    limit = 8

    def get_context_data(self, parent_context):
        locale = Locale.get_default()
        meetings = selectors.next_meetings_for_editors(
            user=parent_context["request"].user, limit=self.limit, locale=locale
        )
        rows = [
            {
                "meeting": meeting,
                "date": format_date(meeting.start),
                "time": format_time_range(meeting.start, meeting.end),
                "state": AnnouncementState(meeting.announcement_state),
                "edit_url": edit_url(meeting),
            }
            for meeting in meetings
        ]
        # "See all" continues where the panel stops: from today, in the same language.
        query = urlencode(
            {"start_from": timezone.localdate().isoformat(), "locale": locale.language_code}
        )
        return {
            "rows": rows,
            "overview_url": f"{reverse('meetings_overview')}?{query}",
        }


class AnnouncementsAwaitingModerationPanel(Component):
    """Every announcement submitted for moderation that the user may edit or the public may
    see: editors want to see what waits, not only the moderators who decide."""

    name = "announcements_awaiting_moderation"
    template_name = "meetings/admin/announcements_awaiting_moderation_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        states = [
            state
            for state in selectors.workflow_states_visible_to(
                parent_context["request"].user, selectors.announcements_awaiting_moderation()
            )
            # A state whose page was deleted points at nothing.
            if state.content_object
        ]
        return {"states": states}
