"""Reads. Every public output (pages, API, feeds, sitemap, search) uses these, and so do the
admin's lists.

The one visibility rule is ``visibility.public_pages`` (imported here for every output): a page
is public when it is live, not expired, not scheduled for later, not under a view restriction
(its own or an ancestor's) and in the requested locale. Meetings are public exactly when their
announcement is.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from modelcluster.queryset import FakeQuerySet
from wagtail.models import Locale, Page, Revision, WorkflowState
from wagtail.permissions import policy_registry

from meetings import search as lemmatise
from meetings.choices import AnnouncementState
from meetings.models import (
    AnnouncementOrganizer,
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)
from meetings.visibility import public_pages


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_local_day(*, now: datetime | None = None) -> datetime:
    """Midnight of today in Warsaw, as an aware datetime (right on both sides of a DST change)."""
    local_today: date = timezone.localtime(now or timezone.now(), local_zone()).date()
    return datetime.combine(local_today, time.min, tzinfo=local_zone())


def public_announcements(
    *, locale: Locale, now: datetime | None = None
) -> QuerySet[MeetingAnnouncementPage]:
    """The announcements the public may see in ``locale``."""
    return public_pages(MeetingAnnouncementPage.objects.all(), locale=locale, now=now)


def newest_first(
    announcements: QuerySet[MeetingAnnouncementPage],
) -> QuerySet[MeetingAnnouncementPage]:
    """Announcements by the date they state, the latest first: the date every list shows
    (``published_on``), so a notice imported with an earlier date sorts among its peers, not
    above everything published after it."""
    stated = Coalesce("publication_date", TruncDate("first_published_at", tzinfo=local_zone()))
    return announcements.order_by(stated.desc(nulls_last=True), "-first_published_at", "-pk")


def public_meetings(
    *, locale: Locale, upcoming: bool | None = None, now: datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings of public announcements, by start time.

    ``upcoming=True`` keeps meetings starting today (Warsaw time) or later, ``False`` the
    earlier ones, ``None`` both.
    """
    meetings = with_relations(
        Meeting.objects.filter(page__in=public_announcements(locale=locale, now=now).values("pk"))
    )
    if upcoming is not None:
        split = start_of_local_day(now=now)
        meetings = (
            meetings.filter(start__gte=split) if upcoming else meetings.filter(start__lt=split)
        )
    if upcoming is False:
        return meetings.order_by("-start", "-pk")
    return meetings.order_by("start", "pk")


def with_relations(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with what every output of them shows: the page (without its body, which no
    output of a meeting shows), its language, venue and minutes. Their spheres come with
    ``with_localized_relations``.

    The page is read by a query of its own rather than joined: joining its two tables (and
    the tree's many indexes) made PostgreSQL spend longer planning a list of meetings (17 ms)
    than running it (1 ms)."""
    return meetings.select_related("locale", "venue", "minutes_document").prefetch_related(
        Prefetch("page", queryset=MeetingAnnouncementPage.objects.defer("body"))
    )


def slices_with_relations(*slices: QuerySet[Meeting], order=None) -> QuerySet[Meeting]:
    """The meetings of slices of ordered querysets of meetings, with their relations, by
    ``order`` (the first slice's order by default). The slices' ids are chosen without joins:
    sorting the matches with their relations joined, PostgreSQL joined the venue, language and
    minutes of every matching meeting first (16 ms instead of 5 for a sphere's archive of 450
    meetings)."""
    if len(slices) == 1:
        chosen = slices[0].values("pk")  # in the same query
    else:  # in a query each: an OR of the subqueries has PostgreSQL scan every meeting
        chosen = [pk for meetings in slices for pk in meetings.values_list("pk", flat=True)]
    order = order or slices[0].query.order_by
    return with_relations(Meeting.objects.filter(pk__in=chosen)).order_by(*order)


def schedule_page(*, locale: Locale):
    """The public schedule page in ``locale``, if there is one."""
    from meetings.models import SchedulePage

    return public_pages(SchedulePage.objects.all(), locale=locale).first()


def meetings_of(page: MeetingAnnouncementPage) -> Iterable[Meeting]:
    """The meetings of one page as it is being rendered: saved, or in memory in a preview."""
    meetings = page.meetings.all()
    if isinstance(meetings, FakeQuerySet):
        return meetings
    # Pages built in code may leave sort_order empty: the id keeps the order stable. Their
    # spheres come with ``with_localized_relations``, which reads the links as keys.
    return meetings.select_related("venue", "minutes_document").order_by("sort_order", "pk")


def organizers_of(page: MeetingAnnouncementPage, *, locale: Locale) -> list:
    """The organisers of one page as it is being rendered, in order, in ``locale``."""
    links = page.organizer_links.all()
    if not isinstance(links, FakeQuerySet):
        links = links.select_related("organizer").order_by("sort_order", "pk")
    return in_locale([link.organizer for link in links], locale=locale)


def consultation_of(page: MeetingAnnouncementPage, *, locale: Locale):
    """The page's consultation in ``locale`` (or as linked, when it has no translation)."""
    return consultations_of([page], locale=locale).get(page.pk)


def consultations_of(pages: Iterable[Page], *, locale: Locale) -> dict:
    """{page id: its consultation in ``locale``, or as linked when it has no translation}."""
    linked_ids = {page.pk: page.consultation_id for page in pages if page.consultation_id}
    if not linked_ids:
        return {}
    consultations = Consultation.objects.select_related("report_document")
    linked = {c.pk: c for c in consultations.filter(pk__in=linked_ids.values())}
    elsewhere = {c.translation_key for c in linked.values() if c.locale_id != locale.pk}
    translated = {c.translation_key: c for c in linked.values() if c.locale_id == locale.pk}
    if elsewhere:
        translated |= {
            c.translation_key: c
            for c in consultations.filter(translation_key__in=elsewhere, locale=locale)
        }
    return {
        page_id: translated.get(linked[pk].translation_key, linked[pk])
        for page_id, pk in linked_ids.items()
        if pk in linked
    }


def upcoming_meetings_of(page: Page, *, now: datetime | None = None) -> QuerySet[Meeting]:
    """The page's meetings from today on, whether the page is live or a draft."""
    return Meeting.objects.filter(page_id=page.pk, start__gte=start_of_local_day(now=now)).order_by(
        "start", "pk"
    )


def _references(model, pks) -> tuple[Q, object]:
    """How announcements refer to objects of ``model`` with ids ``pks``: a condition on their
    rows, and a test of a revision's content."""
    pks = set(pks)
    if model is Organizer:

        def in_content(content):
            return any(link.get("organizer") in pks for link in content.get("organizer_links", []))

        return Q(organizer_links__organizer__in=pks), in_content
    if model is Venue:

        def in_content(content):
            return any(m.get("venue") in pks for m in content.get("meetings", []))

        return Q(meetings__venue__in=pks), in_content
    if model is Consultation:

        def in_content(content):
            return content.get("consultation") in pks

        return Q(consultation__in=pks), in_content

    def in_content(content):
        return any(pks & set(m.get("spheres") or []) for m in content.get("meetings", []))

    return Q(meetings__spheres__in=pks), in_content


def _scheduled() -> Q:
    """Revisions of announcements approved to go live later."""
    return Q(
        approved_go_live_at__isnull=False,
        content_type=ContentType.objects.get_for_model(MeetingAnnouncementPage),
    )


def announcements_using(
    obj: Sphere | Venue | Organizer | Consultation,
) -> QuerySet[MeetingAnnouncementPage]:
    """Announcements whose published state, draft or scheduled revision refers to ``obj``.

    Deleting ``obj`` would break them: a published page loses data, a draft fails to publish.
    """
    in_rows, in_content = _references(type(obj), [obj.pk])
    pending = MeetingAnnouncementPage.objects.filter(
        Q(live=False) | Q(has_unpublished_changes=True)
    )
    revisions = Revision.objects.filter(
        Q(pk__in=pending.values("latest_revision_id")) | _scheduled()
    ).only("object_id", "content")
    in_drafts = [int(r.object_id) for r in revisions if in_content(r.content)]
    return MeetingAnnouncementPage.objects.filter(in_rows | Q(pk__in=in_drafts)).distinct()


def announcements_showing(
    obj: Venue | Organizer | Consultation,
) -> QuerySet[MeetingAnnouncementPage]:
    """Live announcements, and those scheduled to go live, that show ``obj`` or one of its
    translations (pages show the translation in their own language): changing ``obj`` changes
    what the public sees, now or when the schedule comes."""
    model = type(obj)
    pks = model.objects.filter(translation_key=obj.translation_key).values_list("pk", flat=True)
    in_rows, in_content = _references(model, pks)
    revisions = Revision.objects.filter(_scheduled()).only("object_id", "content")
    scheduled = [int(r.object_id) for r in revisions if in_content(r.content)]
    return MeetingAnnouncementPage.objects.filter(
        (Q(live=True) & in_rows) | Q(pk__in=scheduled)
    ).distinct()


def public_places(model: type[Venue] | type[Organizer], *, locale: Locale) -> QuerySet:
    """Venues or organisers in ``locale`` that a public announcement in ``locale`` shows
    (through any of their translations): a place or unit that only drafts name is not public."""
    pages = public_announcements(locale=locale).values("pk")
    if model is Venue:
        keys = Meeting.objects.filter(page__in=pages, venue__isnull=False).values(
            "venue__translation_key"
        )
    else:
        keys = AnnouncementOrganizer.objects.filter(page__in=pages).values(
            "organizer__translation_key"
        )
    return model.objects.filter(locale=locale, translation_key__in=keys)


def with_localized_relations(meetings: Iterable[Meeting], *, locale: Locale) -> list[Meeting]:
    """Attach ``localized_spheres`` and ``localized_venue`` to each meeting, in ``locale``.

    A translated meeting still points at the source-language spheres (and, until the venue is
    translated, venue); this maps them by translation key. It works on saved meetings and on
    the unsaved ones of a preview (their spheres in memory) alike: the saved meetings' links
    are read in one query, as keys rather than objects, and the spheres in ``locale`` in
    another; the venues in ``locale`` that the meetings do not point at already in a third.
    """
    meetings = list(meetings)
    keys: dict[int, list] = {}
    saved = []
    for meeting in meetings:
        # Spheres held in memory (a preview, a meeting being built) are where modelcluster
        # keeps them; asking ``meeting.spheres.all()`` would build a queryset per saved
        # meeting only to tell.
        linked = getattr(meeting, "_cluster_related_objects", {}).get("spheres")
        if linked is not None:
            keys[id(meeting)] = [sphere.translation_key for sphere in linked]
        else:
            keys[id(meeting)] = []
            saved.append(meeting)
    if saved:
        by_pk = {meeting.pk: keys[id(meeting)] for meeting in saved}
        links = Meeting.spheres.through.objects.filter(meeting_id__in=by_pk).order_by("pk")
        for meeting_id, key in links.values_list("meeting_id", "sphere__translation_key"):
            by_pk[meeting_id].append(key)
    spheres = _by_translation_key(Sphere, {k for found in keys.values() for k in found}, locale)
    venues = _localized(Venue, [m.venue for m in meetings if m.venue_id], locale)
    for meeting in meetings:
        found = [spheres[key] for key in keys[id(meeting)] if key in spheres]
        meeting.localized_spheres = sorted(found, key=lambda sphere: sphere.sort_order)
        meeting.localized_venue = (
            venues.get(meeting.venue.translation_key, meeting.venue) if meeting.venue_id else None
        )
    return meetings


def _localized(model, objects: list, locale: Locale) -> dict:
    """{translation key: its object in ``locale``} for ``objects``: those in ``locale`` are
    their own, the others are looked up in one query."""
    found = {obj.translation_key: obj for obj in objects if obj.locale_id == locale.pk}
    keys = {obj.translation_key for obj in objects} - found.keys()
    return found | _by_translation_key(model, keys, locale)


def with_positions(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Attach ``position`` (number, count) to each saved meeting: its place among the public
    meetings of its announcement, in their order, so that outputs can tell apart two meetings
    of one announcement that share a topic. One query."""
    meetings = list(meetings)
    rows = (
        Meeting.objects.filter(page_id__in={m.page_id for m in meetings if m.pk})
        .order_by("page_id", "sort_order", "start", "pk")
        .values_list("page_id", "pk")
    )
    by_page: dict[int, list[int]] = {}
    for page_id, pk in rows:
        by_page.setdefault(page_id, []).append(pk)
    for meeting in meetings:
        siblings = by_page.get(meeting.page_id, [])
        meeting.position = (
            (siblings.index(meeting.pk) + 1, len(siblings)) if meeting.pk in siblings else None
        )
    return meetings


def meeting_translations(meetings: list[Meeting], *, locale: Locale) -> dict:
    """{translation key: [(language code, id)]} of the public translations of ``meetings`` in
    the other locales, in the order of their language codes: one query."""
    public = Meeting.objects.filter(page__in=public_announcements(locale=None).values("pk"))
    return _translations(meetings, locale, public)


def announcement_translations(pages, *, locale: Locale) -> dict:
    """As ``meeting_translations``, for announcements."""
    return _translations(pages, locale, public_announcements(locale=None))


def snippet_translations(objects, *, locale: Locale) -> dict:
    """As ``meeting_translations``, for spheres, venues and organisers (always public)."""
    objects = list(objects)
    if not objects:
        return {}
    return _translations(objects, locale, type(objects[0]).objects.all())


def other_locales(locale: Locale) -> list[Locale]:
    """Every locale but ``locale``; read once per ``locale`` object (that is, per request)."""
    others = getattr(locale, "_other_locales", None)
    if others is None:
        others = locale._other_locales = list(Locale.objects.exclude(pk=locale.pk))
    return others


def _translations(items, locale: Locale, public: QuerySet) -> dict:
    keys = {item.translation_key for item in items}
    found: dict = {}
    if not keys:
        return found
    others = {other.pk: other.language_code for other in other_locales(locale)}
    rows = (
        public.filter(translation_key__in=keys, locale_id__in=others)
        .order_by()
        .values_list("translation_key", "locale_id", "pk")
    )
    order = list(others)
    for key, locale_id, pk in sorted(rows, key=lambda row: order.index(row[1])):
        found.setdefault(key, []).append((others[locale_id], pk))
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


def admin_meetings(*, now: datetime | None = None) -> QuerySet[Meeting]:
    """Every meeting of every announcement, draft or live, in every locale: what editors see.

    Each meeting carries ``announcement_state`` (an ``AnnouncementState`` value) computed in the
    query, so that lists filter on it in the database; the announcement, the venue, the locale
    and the spheres come in a fixed number of queries, however many meetings there are.
    """
    now = now or timezone.now()
    # As Wagtail's "scheduled": a moderator approved a go-live date that has not come yet.
    approved_schedule = Exists(
        Revision.page_revisions.filter(
            object_id=Cast(OuterRef("page_id"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        )
    )
    # As Wagtail's "in moderation": submitted, and not sent back to its editor.
    in_moderation = Exists(
        WorkflowState.objects.filter(
            content_type_id=OuterRef("page__content_type_id"),
            object_id=Cast(OuterRef("page_id"), output_field=CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
    )
    return (
        Meeting.objects.annotate(
            announcement_scheduled=approved_schedule, announcement_in_moderation=in_moderation
        )
        .annotate(
            announcement_state=Case(
                When(
                    Q(page__expired=True) | Q(page__live=True, page__expire_at__lte=now),
                    then=Value(AnnouncementState.EXPIRED.value),
                ),
                When(
                    Q(page__live=False, announcement_scheduled=True)
                    | Q(page__live=True, page__go_live_at__gt=now),
                    then=Value(AnnouncementState.SCHEDULED.value),
                ),
                When(
                    page__live=False,
                    announcement_in_moderation=True,
                    then=Value(AnnouncementState.IN_MODERATION.value),
                ),
                When(page__live=False, then=Value(AnnouncementState.DRAFT.value)),
                When(
                    announcement_in_moderation=True,
                    then=Value(AnnouncementState.LIVE_WITH_CHANGES_IN_MODERATION.value),
                ),
                When(
                    page__has_unpublished_changes=True,
                    then=Value(AnnouncementState.LIVE_WITH_DRAFT.value),
                ),
                default=Value(AnnouncementState.LIVE.value),
                output_field=CharField(),
            )
        )
        .select_related("page", "venue", "locale")
        .prefetch_related("spheres")
    )


def editable_pages(user) -> QuerySet[Page]:
    """The pages ``user`` may edit, as Wagtail's page permissions decide: a translator the
    English tree, an editor who may only add pages the pages of their own."""
    return policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")


def meetings_visible_to(user, meetings: QuerySet[Meeting], *, now=None) -> QuerySet[Meeting]:
    """The meetings of announcements ``user`` may edit or the public may see: the admin shows
    nobody a draft, a restricted page or an unpublished title they could not open anyway.

    Each meeting carries ``user_may_edit`` and ``announcement_title``: the draft's title for
    those who may edit the page, the published one for everyone else. One condition in the
    query, however many meetings there are.
    """
    return (
        meetings.annotate(user_may_edit=Exists(editable_pages(user).filter(pk=OuterRef("page_id"))))
        .filter(Q(user_may_edit=True) | Q(page__in=public_pages(locale=None, now=now)))
        .annotate(
            announcement_title=Case(
                When(user_may_edit=True, then=F("page__draft_title")),
                default=F("page__title"),
            )
        )
    )


def workflow_states_visible_to(user, states: QuerySet, *, now=None) -> QuerySet:
    """Workflow states of pages ``user`` may edit or the public may see, with
    ``user_may_edit``: the rule of ``meetings_visible_to`` for what waits for moderation."""

    def state_of(pages: QuerySet[Page]) -> Exists:
        # A state names its page by a text id.
        return Exists(
            pages.annotate(text_id=Cast("pk", output_field=CharField())).filter(
                text_id=OuterRef("object_id")
            )
        )

    return states.annotate(user_may_edit=state_of(editable_pages(user))).filter(
        Q(user_may_edit=True) | state_of(public_pages(locale=None, now=now))
    )


def next_meetings_for_editors(
    *, user, limit: int, locale: Locale | None = None, now: datetime | None = None
) -> QuerySet[Meeting]:
    """The next ``limit`` meetings from today on that ``user`` may see in the admin
    (``meetings_visible_to``), of live and draft announcements alike, in ``locale`` (default:
    the source locale, where editors write; translations would repeat)."""
    locale = locale or Locale.get_default()
    return (
        meetings_visible_to(user, admin_meetings(now=now), now=now)
        .filter(locale=locale, start__gte=start_of_local_day(now=now))
        .order_by("start", "pk")[:limit]
    )


def announcements_awaiting_moderation() -> QuerySet:
    """The workflow states of announcements submitted for moderation, oldest first.

    Each has its announcement (``content_object``), who submitted it (``requested_by``) and
    the task it waits at. A state sent back for changes waits for its editor, not for a
    moderator, so it is left out.
    """
    return (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(MeetingAnnouncementPage),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("requested_by", "current_task_state__task")
        .prefetch_related("content_object")
        .order_by("created_at", "pk")
    )


def upcoming_counts_by_sphere(*, locale: Locale, now: datetime | None = None) -> dict[str, int]:
    """{sphere translation key: number of public upcoming meetings in ``locale``}. One query."""
    upcoming = public_meetings(locale=locale, upcoming=True, now=now).order_by().values("pk")
    rows = (
        Meeting.spheres.through.objects.filter(meeting_id__in=upcoming)
        .values("sphere__translation_key")
        .annotate(count=Count("meeting_id"))
    )
    return {row["sphere__translation_key"]: row["count"] for row in rows}


def public_venues(*, locale: Locale) -> list[Venue]:
    """The venues of public meetings in ``locale``, in that language where translated, by
    name: what the accessibility statement describes."""
    used = list(
        Venue.objects.filter(pk__in=public_meetings(locale=locale).values("venue_id")).order_by(
            "pk"
        )
    )
    localized = _by_translation_key(Venue, {venue.translation_key for venue in used}, locale)
    venues = {venue.translation_key: localized.get(venue.translation_key, venue) for venue in used}
    return sorted(venues.values(), key=lambda venue: venue.name.casefold())


@dataclass
class SearchResults:
    announcements: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    spheres: list = field(default_factory=list)
    suggested_spheres: list = field(default_factory=list)


def search(
    *, query: str, locale: Locale, limit: int = 200, now: datetime | None = None
) -> SearchResults:
    """Public announcements, their meetings (upcoming first, then past) and spheres that have
    every word of ``query`` in some form ("zdrowie" finds "zdrowia", "dzieci" the sphere of
    children and youth). With nothing found, the spheres that have some of its words, to
    suggest."""
    language = locale.language_code
    words = lemmatise.query_lemmas(query, language)
    results = SearchResults()
    if not words:
        return results
    sphere_words = [
        (sphere, set(lemmatise.lemmas(f"{sphere.name} {sphere.display_name}", language)))
        for sphere in Sphere.objects.filter(locale=locale).order_by("sort_order")
    ]
    results.spheres = [s for s, found in sphere_words if all(w in found for w in words)]
    # The search index knows nothing of expiry or view restrictions: rank there, then keep
    # what the visibility rule allows.
    found = (
        MeetingAnnouncementPage.objects.live()
        .filter(locale=locale)
        .search(" ".join(words), operator="and")
    )
    found_ids = [page.pk for page in found[:limit]]
    visible = public_announcements(locale=locale, now=now).in_bulk(found_ids)
    results.announcements = [visible[pk] for pk in found_ids if pk in visible]
    candidates = with_localized_relations(
        public_meetings(locale=locale, now=now).filter(page_id__in=list(visible)), locale=locale
    )
    split = start_of_local_day(now=now)
    meetings = [m for m in candidates if lemmatise.matches(words, _meeting_words(m), language)]
    results.meetings = [m for m in meetings if m.start >= split] + sorted(
        (m for m in meetings if m.start < split), key=lambda m: m.start, reverse=True
    )
    if not (results.announcements or results.meetings or results.spheres):
        results.suggested_spheres = [s for s, found in sphere_words if found & set(words)][:6]
    return results


def _meeting_words(meeting: Meeting) -> list[str]:
    spheres = [f"{sphere.name} {sphere.display_name}" for sphere in meeting.localized_spheres]
    return [
        meeting.topic,
        meeting.status_note,
        *spheres,
        *lemmatise.venue_words(meeting.localized_venue),
    ]
