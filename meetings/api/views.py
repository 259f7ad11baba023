"""/api/v1/: read-only, public, in the requested language, through the visibility rule only.

An item not yet translated into the requested language is left out; each item links its
translations. Bad parameters get 422 with ``{"detail": [{"loc": [...], "msg": ...}]}``
naming the parameter; unknown ids get 404.
"""

import hashlib
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import wraps
from typing import Annotated

from django.core.cache import cache
from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError
from pydantic import ValidationError as ParseError
from pydantic import WrapValidator
from pydantic_core import PydanticCustomError
from wagtail.models import Locale

from meetings import formatting, publication, selectors
from meetings.api import schemas
from meetings.api import serializers as out_
from meetings.forms import EARLIEST_DATE, LATEST_DATE, MeetingFilters, within_filter_years
from meetings.models import Meeting, Organizer, Sphere, Venue

MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[-a-z0-9]{1,80}$"
TEXT_PATTERN = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL
MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_SPHERES = 41
MAX_PARAMETERS = 30
MAX_PARAMETER_LENGTH = 200
# Parameters allowed to be longer than MAX_PARAMETER_LENGTH, with their own limit.
LONG_PARAMETERS = {"token": 2000}
SCHEDULE_DAYS = 60

api = NinjaAPI(
    title="Spotkania API",
    version="1",
    description=(
        "Consultation meetings of Kraków City Hall with NGOs, their announcements, the spheres "
        "of public benefit, venues and organisers, in Polish (`locale=pl`, the default) and "
        "English (`locale=en`). Items not yet translated into the requested language are left "
        "out; every item carries its `translation_key`, the same in both languages, and links "
        "to its translations. Times are in Europe/Warsaw with their UTC offset."
    ),
    urls_namespace="meetings_api_v1",
    docs_url="/docs",
)


def query_problem(query) -> tuple[list[str], str] | None:
    """Where an oversized query string breaks the caps, and how; None when within them."""
    if len(query) > MAX_PARAMETERS:
        return ["query"], f"At most {MAX_PARAMETERS} different parameters."
    for name, values in query.lists():
        if len(name) > MAX_PARAMETER_LENGTH:
            return ["query"], f"A parameter name is longer than {MAX_PARAMETER_LENGTH} characters."
        if len(values) > MAX_SPHERES:
            return ["query", name], f"At most {MAX_SPHERES} values of one parameter."
        longest = LONG_PARAMETERS.get(name, MAX_PARAMETER_LENGTH)
        if any(len(value) > longest for value in values):
            return ["query", name], f"At most {longest} characters."
    return None


def _within_query_caps(run):
    """Refuse oversized query strings before they are parsed or reach the database."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        problem = query_problem(request.GET)
        if problem:
            loc, message = problem
            return JsonResponse(
                {"detail": [{"type": "value_error", "loc": loc, "msg": message}]}, status=422
            )
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(_within_query_caps, mode="view")


class Ordering(StrEnum):
    start = "start"
    latest_first = "-start"


def _locale(code: schemas.Locale) -> Locale:
    return Locale.objects.get(language_code=code.value)


def _invalid(parameter: str, message: str):
    raise ValidationError([{"type": "value_error", "loc": ["query", parameter], "msg": message}])


DATE_MESSAGE = (
    "Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM[:SS], Warsaw time unless "
    f"an offset follows) from the years {EARLIEST_DATE.year}–{LATEST_DATE.year}."
)


def _filter_date(value, parse):
    """One error that names the parameter, for a date the filters cannot use: pydantic's own
    errors name each member of ``date | datetime`` apart, and its years 1–9999 overflow once a
    day's end or a time zone is added."""
    try:
        parsed = parse(value)
    except ParseError:
        parsed = None
    if parsed is None or not within_filter_years(parsed.year):
        raise PydanticCustomError("value_error", DATE_MESSAGE)
    return parsed


FilterDate = Annotated[date | datetime, WrapValidator(_filter_date)]


def _as_aware(value: date | datetime, *, end: bool) -> datetime:
    """A date means the whole day; a datetime without an offset is Warsaw time."""
    if isinstance(value, datetime):
        return (
            timezone.make_aware(value, selectors.local_zone())
            if timezone.is_naive(value)
            else value
        )
    day = datetime.combine(value, time.min, tzinfo=selectors.local_zone())
    return day + (timezone.timedelta(days=1) if end else timezone.timedelta(0))


def _spheres(values: list[str], locale: Locale) -> list[Sphere]:
    if len(values) > MAX_SPHERES:
        _invalid("sphere", f"At most {MAX_SPHERES} spheres.")
    if any(len(value) > 80 or "\x00" in value for value in values):
        _invalid("sphere", "A sphere is a slug or a legal number.")
    found = list(
        Sphere.objects.filter(locale=locale).filter(Q(slug__in=values) | Q(number__in=values))
    )
    known = {s.slug for s in found} | {s.number for s in found}
    unknown = [v for v in values if v not in known]
    if unknown:
        _invalid(
            "sphere", f"Unknown sphere: {', '.join(unknown[:5])}. Use a slug or a legal number."
        )
    return found


@api.get("/meetings/", response=schemas.MeetingList, tags=["meetings"], summary="Public meetings")
def list_meetings(
    request,
    locale: schemas.Locale = schemas.Locale.pl,
    sphere: list[str] = Query(None, description="Slug or legal number; repeat for several (OR)."),
    date_from: FilterDate | None = Query(
        None,
        alias="from",
        description=f"Date or datetime, in the years {EARLIEST_DATE.year}–{LATEST_DATE.year}.",
    ),
    date_to: FilterDate | None = Query(
        None, alias="to", description="Date (inclusive) or datetime, in the same years."
    ),
    status: Meeting.Status | None = None,
    attendance_mode: Meeting.AttendanceMode | None = None,
    venue: int | None = Query(None, ge=1, le=MAX_ID, description="Venue id, in any language."),
    announcement: int | None = Query(None, ge=1, le=MAX_ID, description="Announcement id."),
    q: str | None = Query(
        None, max_length=200, pattern=TEXT_PATTERN, description="Words in the topic or the title."
    ),
    upcoming: bool | None = Query(None, description="true: from today on; false: before today."),
    ordering: Ordering = Ordering.start,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    language = _locale(locale)
    meetings = selectors.public_meetings(locale=language, upcoming=upcoming)
    filters = MeetingFilters(
        spheres=_spheres(sphere or [], language),
        attendance_mode=attendance_mode.value if attendance_mode else "",
        status=status.value if status else "",
    )
    meetings = selectors.filter_meetings(meetings, filters)
    if date_from:
        meetings = meetings.filter(start__gte=_as_aware(date_from, end=False))
    if date_to:
        meetings = (
            meetings.filter(start__lt=_as_aware(date_to, end=True))
            if isinstance(date_to, datetime) is False
            else meetings.filter(start__lte=_as_aware(date_to, end=True))
        )
    if venue is not None:
        meetings = meetings.filter(
            venue__translation_key__in=Venue.objects.filter(pk=venue).values("translation_key")
        )
    if announcement is not None:
        meetings = meetings.filter(page_id=announcement)
    if q:
        meetings = meetings.filter(Q(topic__icontains=q) | Q(page__title__icontains=q))
    order = ("start", "pk") if ordering == Ordering.start else ("-start", "-pk")
    meetings = meetings.order_by(*order)
    count = _count(request, meetings)
    return out_.json_response(
        {
            "count": count,
            "limit": limit,
            "offset": offset,
            "items": out_.meeting_fragments(
                meetings[offset : offset + limit], out_.Output(request, language)
            ),
        }
    )


COUNT_KEY_PREFIX = "meetings:api-count"
# Parameters that choose a page of the list, not the items it matches.
PAGING_PARAMETERS = {"limit", "offset", "ordering"}


def _count(request, queryset) -> int:
    """The number of items a list matches, counted once per publication version.

    Counting every match of a broad filter costs in proportion to the archive, while a page of
    items costs the same whatever its size. The count can change only when something is
    published (a new version) or as time passes (scheduled pages, and "upcoming" from today's
    date), so it is kept on the shared cache under the version, today's date and the
    five-minute bucket that the API's ETag is made of.
    """
    version = publication.version_key(request)
    if version is None:
        return queryset.count()
    matching = sorted((k, v) for k, v in request.GET.lists() if k not in PAGING_PARAMETERS)
    digest = hashlib.sha256(repr((request.path, matching)).encode()).hexdigest()
    key = f"{COUNT_KEY_PREFIX}:{version}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, timeout=publication.TIME_BUCKET_SECONDS)
    return count


@api.get(
    "/meetings/{meeting_id}/",
    response={200: schemas.Meeting, 404: schemas.Error},
    tags=["meetings"],
    summary="One public meeting",
)
def get_meeting(
    request,
    meeting_id: int = Path(..., ge=1, le=MAX_ID),
    locale: schemas.Locale = schemas.Locale.pl,
):
    language = _locale(locale)
    meeting = selectors.public_meetings(locale=language).filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, "No public meeting with this id in this language.")
    return out_.meetings([meeting], out_.Output(request, language))[0]


@api.get(
    "/spheres/", response=list[schemas.Sphere], tags=["spheres"], summary="Spheres, in legal order"
)
def list_spheres(request, locale: schemas.Locale = schemas.Locale.pl):
    language = _locale(locale)
    return _spheres_out(request, language, Sphere.objects.filter(locale=language))


@api.get(
    "/spheres/{slug}/",
    response={200: schemas.Sphere, 404: schemas.Error},
    tags=["spheres"],
    summary="One sphere",
)
def get_sphere(
    request, slug: str = Path(..., pattern=SLUG_PATTERN), locale: schemas.Locale = schemas.Locale.pl
):
    language = _locale(locale)
    found = _spheres_out(request, language, Sphere.objects.filter(locale=language, slug=slug[:80]))
    if not found:
        raise HttpError(404, "No sphere with this slug.")
    return found[0]


def _spheres_out(request, language, spheres) -> list[dict]:
    upcoming = selectors.public_meetings(locale=language, upcoming=True).prefetch_related(None)
    counts = dict(
        Meeting.spheres.through.objects.filter(meeting__in=upcoming.values("pk"))
        .values_list("sphere__translation_key")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    schedule = selectors.schedule_page(locale=language)
    root = schedule.get_full_url(request) if schedule else None
    spheres = list(spheres.order_by("sort_order"))
    api_root = out_.Output(request, language).api_root
    other_languages = (
        Sphere.objects.filter(translation_key__in=[s.translation_key for s in spheres])
        .exclude(locale=language)
        .values_list("translation_key", "locale__language_code", "pk", "slug")
    )
    translations: dict = {}
    for key, code, pk, slug in other_languages:
        translations.setdefault(key, []).append(
            {"locale": code, "id": pk, "api_url": f"{api_root}spheres/{slug}/?locale={code}"}
        )
    return [
        {
            "id": s.pk,
            "locale": language.language_code,
            "translation_key": s.translation_key,
            "slug": s.slug,
            "number": s.number,
            "name": s.display_name,
            "statutory_name": s.name,
            "order": s.sort_order,
            "upcoming_meetings": counts.get(s.translation_key, 0),
            "translations": translations.get(s.translation_key, []),
            "html_url": (
                root
                + schedule.reverse_subpage(
                    "sphere",
                    kwargs={
                        "segment": schedule.SPHERE_SEGMENTS.get(language.language_code, "sphere"),
                        "slug": s.slug,
                    },
                )
                if root
                else None
            ),
        }
        for s in spheres
    ]


def _places(request, language, objects, serialize) -> list[dict]:
    """Venues or organisers with links to their translations, in two queries."""
    objects = list(objects)
    out = out_.Output(request, language)
    translations = selectors.snippet_translations(objects, locale=language)
    return [serialize(o, out, translations.get(o.translation_key, [])) for o in objects]


@api.get("/venues/", response=list[schemas.Venue], tags=["places"], summary="Venues")
def list_venues(request, locale: schemas.Locale = schemas.Locale.pl):
    language = _locale(locale)
    return _places(request, language, selectors.public_places(Venue, locale=language), out_.venue)


@api.get(
    "/venues/{venue_id}/",
    response={200: schemas.Venue, 404: schemas.Error},
    tags=["places"],
    summary="One venue",
)
def get_venue(
    request, venue_id: int = Path(..., ge=1, le=MAX_ID), locale: schemas.Locale = schemas.Locale.pl
):
    language = _locale(locale)
    found = _places(
        request,
        language,
        selectors.public_places(Venue, locale=language).filter(pk=venue_id),
        out_.venue,
    )
    if not found:
        raise HttpError(404, "No venue with this id in this language.")
    return found[0]


@api.get("/organizers/", response=list[schemas.Organizer], tags=["places"], summary="Organisers")
def list_organizers(request, locale: schemas.Locale = schemas.Locale.pl):
    language = _locale(locale)
    return _places(
        request, language, selectors.public_places(Organizer, locale=language), out_.organizer
    )


@api.get(
    "/organizers/{organizer_id}/",
    response={200: schemas.Organizer, 404: schemas.Error},
    tags=["places"],
    summary="One organiser",
)
def get_organizer(
    request,
    organizer_id: int = Path(..., ge=1, le=MAX_ID),
    locale: schemas.Locale = schemas.Locale.pl,
):
    language = _locale(locale)
    organizers = selectors.public_places(Organizer, locale=language).filter(pk=organizer_id)
    found = _places(request, language, organizers, out_.organizer)
    if not found:
        raise HttpError(404, "No organiser with this id in this language.")
    return found[0]


@api.get(
    "/schedule/", response=schemas.Schedule, tags=["meetings"], summary="Upcoming meetings by day"
)
def schedule(request, locale: schemas.Locale = schemas.Locale.pl):
    """The next days with meetings, each with its label as the city writes it."""
    language = _locale(locale)
    meetings = selectors.public_meetings(locale=language, upcoming=True)
    until = selectors.start_of_local_day() + timedelta(days=SCHEDULE_DAYS)
    items = out_.meetings(list(meetings.filter(start__lt=until)), out_.Output(request, language))
    days: dict[date, list] = {}
    for item in items:
        days.setdefault(item["start"].date(), []).append(item)
    return {
        "locale": language.language_code,
        "days": [
            {
                "date": day,
                "label": formatting.format_date(day, language=language.language_code),
                "meetings": day_items,
            }
            for day, day_items in days.items()
        ],
    }


@api.get(
    "/announcements/",
    response=schemas.AnnouncementList,
    tags=["announcements"],
    summary="Public announcements, newest first",
)
def list_announcements(
    request,
    locale: schemas.Locale = schemas.Locale.pl,
    q: str | None = Query(
        None, max_length=200, pattern=TEXT_PATTERN, description="Words in the title or the lead."
    ),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    language = _locale(locale)
    pages = selectors.public_announcements(locale=language).order_by("-first_published_at", "-pk")
    if q:
        pages = pages.filter(Q(title__icontains=q) | Q(lead__icontains=q))
    count = pages.count()
    items = out_.announcements(
        pages.defer_streamfields()[offset : offset + limit], out_.Output(request, language)
    )
    return {"count": count, "limit": limit, "offset": offset, "items": items}


@api.get(
    "/announcements/{announcement_id}/",
    response={200: schemas.AnnouncementDetail, 404: schemas.Error},
    tags=["announcements"],
    summary="One public announcement, with its body",
)
def get_announcement(
    request,
    announcement_id: int = Path(..., ge=1, le=MAX_ID),
    locale: schemas.Locale = schemas.Locale.pl,
):
    language = _locale(locale)
    page = selectors.public_announcements(locale=language).filter(pk=announcement_id).first()
    if page is None:
        raise HttpError(404, "No public announcement with this id in this language.")
    return out_.announcements([page], out_.Output(request, language), with_body=True)[0]


@api.get(
    "/preview/",
    response={200: schemas.AnnouncementDetail, 403: schemas.Error},
    tags=["preview"],
    summary="A draft being previewed in the admin",
    url_name="preview",
)
def preview(request, token: str = Query(..., max_length=2000, pattern=TEXT_PATTERN)):
    """Exchange the token from the admin's "Portal" preview for the draft's JSON.

    The token is signed and expires after HEADLESS_PREVIEW_MAX_AGE seconds (10 minutes by
    default); without a valid one, no draft content is reachable. Never cached.
    """
    from meetings import preview as headless_preview

    try:
        page = headless_preview.page_for_token(token)
    except headless_preview.InvalidToken:
        raise HttpError(403, "The preview token is invalid or has expired.") from None
    return out_.preview_announcement(page, out_.Output(request, page.locale))


def not_found(request):
    """Any other address under /api/: a JSON 404, as the API answers everywhere else."""
    return JsonResponse({"detail": "No such API endpoint. See /api/v1/docs."}, status=404)
