"""Public meetings: the filtered list and one meeting."""

from datetime import datetime

from django.db.models import Q
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from meetings import selectors
from meetings.api import parameters, schemas
from meetings.api import serializers as out_
from meetings.api.pagination import LimitOffset, Listing, cached_count
from meetings.forms import EARLIEST_DATE, LATEST_DATE, MAX_SPHERES, MeetingFilters
from meetings.models import Meeting, Venue

router = Router(tags=["meetings"])


@router.get(
    "/",
    response=schemas.MeetingList,
    summary="Public meetings",
    openapi_extra={
        "responses": {
            404: {
                "description": "A sphere in `sphere` does not exist.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        }
    },
)
@paginate(LimitOffset, count=cached_count, respond=out_.json_response)
def list_meetings(
    request,
    locale: schemas.Locale = schemas.SOURCE_LOCALE,
    sphere: list[parameters.SphereValue] | None = Query(
        None,
        max_length=MAX_SPHERES,
        description="Slug or legal number, as /spheres/ lists them; repeat for several (OR). "
        "404 for a sphere that does not exist.",
    ),
    date_from: parameters.FilterDate | None = Query(
        None,
        alias="from",
        description=f"Date or datetime, in the years {EARLIEST_DATE.year}–{LATEST_DATE.year}.",
    ),
    date_to: parameters.FilterDate | None = Query(
        None, alias="to", description="Date (inclusive) or datetime, in the same years."
    ),
    status: Meeting.Status | None = None,
    attendance_mode: Meeting.AttendanceMode | None = None,
    venue: int | None = Query(
        None, ge=1, le=parameters.MAX_ID, description="Venue id, in any language."
    ),
    announcement: int | None = Query(
        None, ge=1, le=parameters.MAX_ID, description="Announcement id."
    ),
    q: str | None = Query(
        None,
        max_length=200,
        pattern=parameters.TEXT_PATTERN,
        description="Words in the topic or the title.",
    ),
    upcoming: bool | None = Query(None, description="true: from today on; false: before today."),
    ordering: parameters.Ordering = parameters.Ordering.start,
    limit: parameters.Limit = 20,
    offset: parameters.Offset = 0,
):
    language = parameters.language(locale)
    meetings = selectors.public_meetings(locale=language, upcoming=upcoming)
    filters = MeetingFilters(
        spheres=parameters.spheres(sphere or [], language),
        attendance_mode=attendance_mode.value if attendance_mode else "",
        status=status.value if status else "",
    )
    meetings = selectors.filter_meetings(meetings, filters)
    if date_from:
        meetings = meetings.filter(start__gte=parameters.as_aware(date_from, end=False))
    if date_to:
        meetings = (
            meetings.filter(start__lt=parameters.as_aware(date_to, end=True))
            if isinstance(date_to, datetime) is False
            else meetings.filter(start__lte=parameters.as_aware(date_to, end=True))
        )
    if venue is not None:
        meetings = meetings.filter(
            venue__translation_key__in=Venue.objects.filter(pk=venue).values("translation_key")
        )
    if announcement is not None:
        meetings = meetings.filter(page_id=announcement)
    if q:
        meetings = meetings.filter(Q(topic__icontains=q) | Q(page__title__icontains=q))
    order = ("start", "pk") if ordering == parameters.Ordering.start else ("-start", "-pk")
    out = out_.Output(request, language)
    return Listing(meetings.order_by(*order), lambda page: out_.meeting_fragments(page, out))


@router.get(
    "/{meeting_id}/",
    response={200: schemas.Meeting, 404: schemas.Error},
    summary="One public meeting",
)
def get_meeting(
    request, meeting_id: parameters.ItemId, locale: schemas.Locale = schemas.SOURCE_LOCALE
):
    language = parameters.language(locale)
    meeting = selectors.public_meetings(locale=language).filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, "No public meeting with this id in this language.")
    return out_.meetings([meeting], out_.Output(request, language))[0]
