"""From a pasted text to a draft announcement: what the parser knows, and what gets saved."""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import get_supported_language_variant
from wagtail.log_actions import log
from wagtail.models import Locale

from meetings.conf import plugin_settings
from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)

from .parser import (
    KnownOrganizer,
    KnownSphere,
    KnownVenue,
    ParsedAnnouncement,
    VenueMatch,
    parse_announcement,
)


def source_locale() -> Locale:
    return Locale.objects.get(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))


def known_data() -> dict:
    """What the parser matches against, in the source language, and how many meetings one
    announcement may hold: its keyword arguments."""
    locale = source_locale()
    return {
        "max_meetings": plugin_settings.MAX_MEETINGS_PER_ANNOUNCEMENT,
        "spheres": [
            KnownSphere(number=s.number, name=s.name, display_name=s.display_name)
            for s in Sphere.objects.filter(locale=locale)
        ],
        "venues": [
            KnownVenue(
                id=v.pk,
                name=v.name,
                street_address=v.street_address,
                room=v.room,
                floor=v.floor,
            )
            for v in Venue.objects.filter(locale=locale)
        ],
        "organizers": [
            KnownOrganizer(id=o.pk, name=o.name) for o in Organizer.objects.filter(locale=locale)
        ],
    }


def parse(text: str | bytes) -> ParsedAnnouncement:
    return parse_announcement(text, **known_data())


def import_parents(user) -> list[AnnouncementIndexPage]:
    """The announcement lists in the source language where ``user`` may add a page."""
    return [
        page
        for page in AnnouncementIndexPage.objects.filter(locale=source_locale()).order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


class DraftRefused(ValueError):
    """The parsed text still has errors, or more meetings than one announcement may hold:
    nothing is saved."""


@transaction.atomic
def create_draft(
    parsed: ParsedAnnouncement, *, parent: AnnouncementIndexPage, user
) -> MeetingAnnouncementPage:
    """Save ``parsed`` as a new, unpublished announcement below ``parent``.

    Venues the text names but the site does not know yet are created, once each.
    """
    if (
        parsed.has_errors
        or not parsed.meetings
        or len(parsed.meetings) > plugin_settings.MAX_MEETINGS_PER_ANNOUNCEMENT
    ):
        raise DraftRefused(parsed.problems)
    locale = source_locale()
    spheres = {s.number: s for s in Sphere.objects.filter(locale=locale)}
    new_venues: dict[tuple[str, str, str], Venue] = {}
    meetings = []
    for item in parsed.meetings:
        meeting = Meeting(
            topic=item.topic or parsed.title,
            start=item.start,
            end=item.end,
            attendance_mode=_attendance_mode(item),
            online_url=item.online_url,
            venue=_venue(item.venue, locale, new_venues),
        )
        meeting.spheres = [spheres[m.number] for m in item.spheres if m.number in spheres]
        meetings.append(meeting)
    page = MeetingAnnouncementPage(
        title=parsed.title,
        slug=_free_slug(parent, parsed.title),
        lead=parsed.lead,
        publication_date=parsed.publication_date,
        body=[("paragraph", parsed.body_html)] if parsed.body_html else [],
        locale=locale,
        live=False,
        owner=user,
        organizer_links=[
            AnnouncementOrganizer(organizer_id=pk, locale=locale) for pk in parsed.organizers
        ],
        meetings=meetings,
    )
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user, revision=revision)
    return page


def _attendance_mode(item) -> str:
    if item.online and item.venue:
        return Meeting.AttendanceMode.HYBRID
    if item.online:
        return Meeting.AttendanceMode.ONLINE
    return Meeting.AttendanceMode.IN_PERSON


def _venue(match: VenueMatch | None, locale: Locale, created: dict) -> Venue | None:
    if match is None:
        return None
    if match.venue_id:
        return Venue.objects.get(pk=match.venue_id)
    key = (match.street_address, match.room, match.floor)
    if key not in created:
        created[key] = Venue.objects.create(
            name=(match.name or match.street_address)[:255],
            street_address=match.street_address[:255],
            room=match.room[:255],
            floor=match.floor[:50],
            locale=locale,
        )
    return created[key]


def _free_slug(parent, title: str) -> str:
    # slugify drops letters it cannot decompose; ł is the one Polish letter that needs help.
    base = slugify(title.replace("ł", "l").replace("Ł", "L"))[:200] or "ogloszenie"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
