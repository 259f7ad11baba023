"""schema.org Event JSON-LD for meetings, for search engines."""

import json

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from meetings.choices import AttendanceMode, MeetingStatus
from meetings.safe_html import safe_url

EVENT_STATUS = {
    MeetingStatus.PLANNED: "https://schema.org/EventScheduled",
    MeetingStatus.CANCELLED: "https://schema.org/EventCancelled",
    MeetingStatus.POSTPONED: "https://schema.org/EventPostponed",
    MeetingStatus.MOVED: "https://schema.org/EventMovedOnline",
}
ATTENDANCE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
# JSON may carry "</script>" or "<!--" from an editor; escaped like Django's json_script.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _place(venue) -> dict:
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressCountry": "PL",
        },
    }


def meeting_event(meeting, *, url: str, organizers) -> dict | None:
    """The meeting as a schema.org Event as Google reads events; None while it has no place
    and no online address, which an event must have (its venue is to be announced)."""
    locations = []
    venue = getattr(meeting, "localized_venue", None)
    if venue and meeting.attendance_mode != AttendanceMode.ONLINE:
        locations.append(_place(venue))
    online_url = safe_url(meeting.online_url)
    if meeting.attendance_mode != AttendanceMode.IN_PERSON and online_url:
        locations.append({"@type": "VirtualLocation", "url": online_url})
    if not locations:
        return None
    status = EVENT_STATUS[meeting.status]
    in_person = meeting.attendance_mode == AttendanceMode.IN_PERSON
    if meeting.status == MeetingStatus.MOVED and in_person:
        # schema.org's "moved" means moved online; a meeting moved to another room is on.
        status = EVENT_STATUS[MeetingStatus.PLANNED]
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.topic,
        "startDate": timezone.localtime(meeting.start).isoformat(),
        "endDate": timezone.localtime(meeting.end).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": ATTENDANCE[meeting.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [_organization(o) for o in organizers],
        "inLanguage": meeting.page.locale.language_code,
        "url": url,
        "isAccessibleForFree": True,
        **({"description": meeting.page.lead} if meeting.page.lead else {}),
    }


def _organization(organizer) -> dict:
    found = {"@type": "GovernmentOrganization", "name": organizer.name}
    website = safe_url(organizer.website)
    if website:
        found["url"] = website
    return found


def meeting_events(meetings, *, url_for, organizers) -> list[dict]:
    """The Events of those ``meetings`` that can be one."""
    events = (meeting_event(m, url=url_for(m), organizers=organizers) for m in meetings)
    return [event for event in events if event is not None]


def to_script_json(data) -> SafeString:
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
