"""Reads of public content. Every public output (pages, API, feeds, sitemap, search) uses these.

The one visibility rule lives in ``public_pages``: a page is public when it is live, not
expired, not scheduled for later, not under a view restriction (its own or an ancestor's) and
in the requested locale. Meetings are public exactly when their announcement is.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from modelcluster.queryset import FakeQuerySet
from wagtail.models import Locale, Page

from meetings.models import Meeting, MeetingAnnouncementPage, Sphere, Venue


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_local_day(*, now: datetime | None = None) -> datetime:
    """Midnight of today in Warsaw, as an aware datetime (right on both sides of a DST change)."""
    local_today: date = timezone.localtime(now or timezone.now(), local_zone()).date()
    return datetime.combine(local_today, time.min, tzinfo=local_zone())


def public_pages(
    pages: QuerySet[Page] | None = None, *, locale: Locale | None, now: datetime | None = None
) -> QuerySet[Page]:
    """The pages the public may see, in ``locale`` (``None``: every locale): the visibility rule."""
    now = now or timezone.now()
    pages = (
        (Page.objects.all() if pages is None else pages)
        .live()
        .public()
        .filter(expired=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )
    return pages if locale is None else pages.filter(locale=locale)


def outside_publication_window(page: Page, *, now: datetime | None = None) -> bool:
    """True for a live page that has expired or is not due yet, before Wagtail's scheduler
    has caught up with it: the same dates ``public_pages`` checks, for one page being served.
    """
    now = now or timezone.now()
    return bool(
        page.expired
        or (page.expire_at and page.expire_at <= now)
        or (page.go_live_at and page.go_live_at > now)
    )


def public_announcements(
    *, locale: Locale, now: datetime | None = None
) -> QuerySet[MeetingAnnouncementPage]:
    """The announcements the public may see in ``locale``."""
    return public_pages(MeetingAnnouncementPage.objects.all(), locale=locale, now=now)


def public_meetings(
    *, locale: Locale, upcoming: bool | None = None, now: datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings of public announcements, by start time.

    ``upcoming=True`` keeps meetings starting today (Warsaw time) or later, ``False`` the
    earlier ones, ``None`` both.
    """
    meetings = (
        Meeting.objects.filter(page__in=public_announcements(locale=locale, now=now).values("pk"))
        .select_related("page", "venue")
        .prefetch_related("spheres")
    )
    if upcoming is not None:
        split = start_of_local_day(now=now)
        meetings = (
            meetings.filter(start__gte=split) if upcoming else meetings.filter(start__lt=split)
        )
    if upcoming is False:
        return meetings.order_by("-start", "-pk")
    return meetings.order_by("start", "pk")


def schedule_page(*, locale: Locale):
    """The public schedule page in ``locale``, if there is one."""
    from meetings.models import SchedulePage

    return public_pages(SchedulePage.objects.all(), locale=locale).first()


def meetings_of(page: MeetingAnnouncementPage) -> Iterable[Meeting]:
    """The meetings of one page as it is being rendered: saved, or in memory in a preview."""
    meetings = page.meetings.all()
    if isinstance(meetings, FakeQuerySet):
        return meetings
    # Pages built in code may leave sort_order empty: the id keeps the order stable.
    return meetings.select_related("venue").prefetch_related("spheres").order_by("sort_order", "pk")


def organizers_of(page: MeetingAnnouncementPage, *, locale: Locale) -> list:
    """The organisers of one page as it is being rendered, in order, in ``locale``."""
    links = page.organizer_links.all()
    if not isinstance(links, FakeQuerySet):
        links = links.select_related("organizer").order_by("sort_order", "pk")
    return in_locale([link.organizer for link in links], locale=locale)


def with_localized_relations(meetings: Iterable[Meeting], *, locale: Locale) -> list[Meeting]:
    """Attach ``localized_spheres`` and ``localized_venue`` to each meeting, in ``locale``.

    A translated meeting still points at the source-language spheres (and, until the venue is
    translated, venue); this maps them by translation key in two queries. It works on saved
    meetings (prefetch their spheres) and on the unsaved ones of a preview alike.
    """
    meetings = list(meetings)
    sphere_keys = {
        meeting.pk or id(meeting): [sphere.translation_key for sphere in meeting.spheres.all()]
        for meeting in meetings
    }
    spheres = _by_translation_key(
        Sphere, {key for keys in sphere_keys.values() for key in keys}, locale
    )
    venues = _by_translation_key(
        Venue, {m.venue.translation_key for m in meetings if m.venue_id}, locale
    )
    for meeting in meetings:
        found = [spheres[key] for key in sphere_keys[meeting.pk or id(meeting)] if key in spheres]
        meeting.localized_spheres = sorted(found, key=lambda sphere: sphere.sort_order)
        meeting.localized_venue = (
            venues.get(meeting.venue.translation_key, meeting.venue) if meeting.venue_id else None
        )
    return meetings


def meeting_translations(meetings: list[Meeting], *, locale: Locale) -> dict:
    """{translation key: [(language code, id)]} of the public translations of ``meetings`` in
    the other locales: one query per other locale."""
    return _translations(
        meetings, locale, lambda other: public_meetings(locale=other).prefetch_related(None)
    )


def announcement_translations(pages, *, locale: Locale) -> dict:
    """As ``meeting_translations``, for announcements."""
    return _translations(pages, locale, lambda other: public_announcements(locale=other))


def snippet_translations(objects, *, locale: Locale) -> dict:
    """As ``meeting_translations``, for spheres, venues and organisers (always public)."""
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    return _translations(objects, locale, lambda other: model.objects.filter(locale=other))


def _translations(items, locale: Locale, public_in) -> dict:
    keys = {item.translation_key for item in items}
    found: dict = {}
    if not keys:
        return found
    for other in Locale.objects.exclude(pk=locale.pk):
        rows = (
            public_in(other).filter(translation_key__in=keys).values_list("translation_key", "pk")
        )
        for key, pk in rows:
            found.setdefault(key, []).append((other.language_code, pk))
    return found


def in_locale(objects: Iterable, *, locale: Locale) -> list:
    """The same translatable objects, each replaced by its translation in ``locale`` if any."""
    objects = list(objects)
    if not objects:
        return objects
    translated = _by_translation_key(type(objects[0]), {o.translation_key for o in objects}, locale)
    return [translated.get(obj.translation_key, obj) for obj in objects]


def _by_translation_key(model, keys, locale: Locale) -> dict:
    if not keys:
        return {}
    return {
        obj.translation_key: obj
        for obj in model.objects.filter(translation_key__in=keys, locale=locale)
    }


def filter_meetings(meetings: QuerySet[Meeting], filters) -> QuerySet[Meeting]:
    """Apply the schedule's filters (``meetings.forms.MeetingFilters``) to public meetings.

    Spheres and venues match by translation key, so a filter chosen in one language finds
    meetings that still point at the other language's snippets.
    """
    if filters.spheres:
        keys = [sphere.translation_key for sphere in filters.spheres]
        meetings = meetings.filter(
            pk__in=Meeting.spheres.through.objects.filter(sphere__translation_key__in=keys).values(
                "meeting_id"
            )
        )
    if filters.date_from:
        meetings = meetings.filter(
            start__gte=datetime.combine(filters.date_from, time.min, tzinfo=local_zone())
        )
    if filters.date_to:
        meetings = meetings.filter(
            start__lt=datetime.combine(
                filters.date_to + timedelta(days=1), time.min, tzinfo=local_zone()
            )
        )
    if filters.venue:
        meetings = meetings.filter(venue__translation_key=filters.venue.translation_key)
    if filters.attendance_mode:
        meetings = meetings.filter(attendance_mode=filters.attendance_mode)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    return meetings
