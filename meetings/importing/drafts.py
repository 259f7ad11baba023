"""From a pasted text to a draft announcement: what the parser knows, and what gets saved."""

import operator
import re
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from functools import reduce

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import get_supported_language_variant
from wagtail.log_actions import log
from wagtail.models import Locale

from meetings.conf import plugin_settings
from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)

from .parser import (
    KnownConsultation,
    KnownOrganizer,
    KnownSphere,
    KnownVenue,
    ParsedAnnouncement,
    VenueMatch,
    parse_announcement,
)
from .parser.words import fold


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
        "consultations": [
            KnownConsultation(id=c.pk, title=c.title)
            for c in Consultation.objects.filter(locale=locale)
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
        consultation_id=parsed.consultation,
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


# How alike two normalised titles must be (difflib's ratio) for shared meeting times to make
# them one announcement: a year's edition and the next differ in a digit, and in their dates.
SIMILAR_TITLE = 0.8
# Looked at closely (their latest drafts read) at most, the most alike first.
MAX_CANDIDATES = 20


@dataclass
class Duplicate:
    """An announcement already on the site that an import seems to repeat."""

    page: MeetingAnnouncementPage
    # Its latest draft: what the editor would find in the page editor.
    title: str
    meetings: list[tuple[datetime, datetime]]
    same_title: bool
    shared_starts: int


def normalised_title(title: str) -> str:
    """The title's words in lower case without diacritics, punctuation or extra spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(title)))


def _similarity(one: str, other: str) -> float:
    matcher = SequenceMatcher(None, one, other, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR_TITLE or matcher.quick_ratio() < SIMILAR_TITLE:
        return 0.0
    return matcher.ratio()


def find_duplicate(
    parsed: ParsedAnnouncement, *, parents: list[AnnouncementIndexPage]
) -> Duplicate | None:
    """The announcement that ``parsed`` repeats, if any: among the announcements (draft or
    live) in the source language below ``parents``, the announcement lists the user may import
    into.

    The rule: the same title once case, diacritics, punctuation and spacing are set aside;
    or a similar title (``SIMILAR_TITLE``) and at least half of the imported meetings starting
    when one of its meetings does. Titles and starts are read from each page's latest draft
    as well as its published title, so that a second import finds the first however far it
    has been edited. With several, the same title wins, then more shared starts, then the
    latest edited.
    """
    title = normalised_title(parsed.title)
    if not title or not parents:
        return None
    below = reduce(operator.or_, (Q(path__startswith=p.path, depth__gt=p.depth) for p in parents))
    likeness = {}
    for pk, *titles in MeetingAnnouncementPage.objects.filter(
        below, locale=source_locale()
    ).values_list("pk", "title", "draft_title"):
        normalised = {normalised_title(t) for t in titles}
        score = 1.0 if title in normalised else max(_similarity(title, t) for t in normalised)
        if score >= SIMILAR_TITLE:
            likeness[pk] = score
    closest = sorted(likeness, key=likeness.get, reverse=True)[:MAX_CANDIDATES]
    starts = {item.start for item in parsed.meetings if item.start}
    found = []
    for page in MeetingAnnouncementPage.objects.filter(pk__in=closest):
        draft = page.get_latest_revision_as_object()
        meetings = sorted((m.start, m.end) for m in draft.meetings.all())
        shared = len(starts & {start for start, _end in meetings})
        same_title = likeness[page.pk] == 1.0
        if same_title or (starts and 2 * shared >= len(starts)):
            found.append(
                Duplicate(
                    page=page,
                    title=draft.title,
                    meetings=meetings,
                    same_title=same_title,
                    shared_starts=shared,
                )
            )
    found.sort(
        key=lambda d: (d.same_title, d.shared_starts, d.page.latest_revision_id or 0),
        reverse=True,
    )
    return found[0] if found else None


def may_update(page: MeetingAnnouncementPage, user) -> bool:
    """May ``user`` put an import into a new draft of ``page``? Wagtail's rule for editing it,
    locks included: a page waiting at a moderation task that locks it for the user, or approved
    for scheduled publishing, is not changed from here, as the page editor would not allow."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and not permissions.page_locked()


@transaction.atomic
def update_draft(
    parsed: ParsedAnnouncement, *, page: MeetingAnnouncementPage, user
) -> MeetingAnnouncementPage:
    """Put ``parsed`` into a new draft revision of ``page``, and return the draft.

    Nothing is published: a live page keeps showing its published content until moderation
    publishes the revision, as after any edit in the page editor. The slug, the translations
    and what the text does not carry stay; a meeting starting when one of the draft's did keeps
    that meeting's identity (and so its pairing with its translations), its status and minutes.
    """
    if (
        parsed.has_errors
        or not parsed.meetings
        or len(parsed.meetings) > plugin_settings.MAX_MEETINGS_PER_ANNOUNCEMENT
    ):
        raise DraftRefused(parsed.problems)
    if not may_update(page, user):
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    locale = draft.locale
    spheres = {s.number: s for s in Sphere.objects.filter(locale=locale)}
    new_venues: dict[tuple[str, str, str], Venue] = {}
    earlier = {}
    for meeting in draft.meetings.all():
        earlier.setdefault(meeting.start, meeting)
    meetings = []
    for item in parsed.meetings:
        meeting = earlier.pop(item.start, None) or Meeting(locale=locale)
        meeting.topic = item.topic or parsed.title
        meeting.start, meeting.end = item.start, item.end
        meeting.attendance_mode = _attendance_mode(item)
        meeting.online_url = item.online_url
        meeting.venue = _venue(item.venue, locale, new_venues)
        meeting.spheres = [spheres[m.number] for m in item.spheres if m.number in spheres]
        meetings.append(meeting)
    links = {link.organizer_id: link for link in draft.organizer_links.all()}
    draft.organizer_links = [
        links.get(pk) or AnnouncementOrganizer(organizer_id=pk, locale=locale)
        for pk in parsed.organizers
    ]
    draft.meetings = meetings
    draft.title = parsed.title
    draft.lead = parsed.lead
    draft.publication_date = parsed.publication_date
    draft.body = [("paragraph", parsed.body_html)] if parsed.body_html else []
    draft.save_revision(user=user, log_action=True)
    return draft


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
