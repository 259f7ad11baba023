"""Reads of public content. Every public output (pages, API, feeds, sitemap, search) uses these.

The one visibility rule lives in ``public_announcements``: a page is public when it is live,
not expired, not scheduled for later, not under a view restriction (its own or an ancestor's)
and in the requested locale. Meetings are public exactly when their announcement is.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from meetings.models import (
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_local_day(*, now: datetime | None = None) -> datetime:
    """Midnight of today in Warsaw, as an aware datetime (right on both sides of a DST change)."""
    local_today: date = timezone.localtime(now or timezone.now(), local_zone()).date()
    return datetime.combine(local_today, time.min, tzinfo=local_zone())


def public_announcements(
    *, locale: Locale, now: datetime | None = None
) -> QuerySet[MeetingAnnouncementPage]:
    """The announcements the public may see in ``locale``: the visibility rule."""
    now = now or timezone.now()
    return (
        MeetingAnnouncementPage.objects.live()
        .public()
        .filter(locale=locale, expired=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )


def public_meetings(
    *, locale: Locale, upcoming: bool | None = None, now: datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings of public announcements, by start time.

    ``upcoming=True`` keeps meetings starting today (Warsaw time) or later, ``False`` the
    earlier ones, ``None`` both.
    """
    meetings = Meeting.objects.filter(
        page__in=public_announcements(locale=locale, now=now).values("pk")
    ).select_related("page", "venue")
    if upcoming is not None:
        split = start_of_local_day(now=now)
        meetings = meetings.filter(start__gte=split) if upcoming else meetings.filter(start__lt=split)
    if upcoming is False:
        return meetings.order_by("-start", "-pk")
    return meetings.order_by("start", "pk")


def localized_spheres(*, locale: Locale) -> QuerySet[Sphere]:
    return Sphere.objects.filter(locale=locale).order_by("sort_order")


def with_localized_relations(meetings: Iterable[Meeting], *, locale: Locale) -> list[Meeting]:
    """Attach ``localized_spheres`` and ``localized_venue`` to each meeting, in ``locale``.

    A translated meeting may still point at the source-language spheres (and, until the venue
    is translated, venue); this maps them by translation key in a fixed number of queries.
    """
    meetings = list(meetings)
    if not meetings:
        return meetings
    through = Meeting.spheres.through
    links = through.objects.filter(meeting_id__in=[m.pk for m in meetings]).values_list(
        "meeting_id", "sphere__translation_key"
    )
    keys_by_meeting: dict[int, list] = defaultdict(list)
    for meeting_id, key in links:
        keys_by_meeting[meeting_id].append(key)
    all_keys = {key for keys in keys_by_meeting.values() for key in keys}
    spheres = _by_translation_key(Sphere, all_keys, locale)

    venue_keys = {m.venue.translation_key for m in meetings if m.venue}
    venues = _by_translation_key(Venue, venue_keys, locale)

    for meeting in meetings:
        found = [spheres[key] for key in keys_by_meeting[meeting.pk] if key in spheres]
        meeting.localized_spheres = sorted(found, key=lambda sphere: sphere.sort_order)
        meeting.localized_venue = (
            venues.get(meeting.venue.translation_key, meeting.venue) if meeting.venue else None
        )
    return meetings


def localized_organizers(
    pages: Iterable[MeetingAnnouncementPage], *, locale: Locale
) -> dict[int, list[Organizer]]:
    """Organisers of each page, in order, in ``locale`` where a translation exists."""
    page_ids = [page.pk for page in pages]
    links = (
        AnnouncementOrganizer.objects.filter(page_id__in=page_ids)
        .select_related("organizer")
        .order_by("page_id", "sort_order")
    )
    links = list(links)
    translated = _by_translation_key(
        Organizer, {link.organizer.translation_key for link in links}, locale
    )
    result: dict[int, list[Organizer]] = defaultdict(list)
    for link in links:
        result[link.page_id].append(
            translated.get(link.organizer.translation_key, link.organizer)
        )
    return result


def _by_translation_key(model, keys, locale: Locale) -> dict:
    if not keys:
        return {}
    return {
        obj.translation_key: obj
        for obj in model.objects.filter(translation_key__in=keys, locale=locale)
    }
