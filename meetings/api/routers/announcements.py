"""Public announcements, newest first, and one with its body as typed blocks."""

from django.db.models import Q
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from meetings import selectors
from meetings.api import parameters, schemas
from meetings.api import serializers as out_
from meetings.api.pagination import LimitOffset, Listing

router = Router(tags=["announcements"])


@router.get(
    "/",
    response=schemas.AnnouncementList,
    summary="Public announcements, newest first",
    description=(
        "Newest by the date the announcement states (`publication_date`, or the day it was "
        "first published when it states none), as the city portal's lists show them."
    ),
)
@paginate(LimitOffset)
def list_announcements(
    request,
    locale: schemas.Locale = schemas.SOURCE_LOCALE,
    q: str | None = Query(
        None,
        max_length=200,
        pattern=parameters.TEXT_PATTERN,
        description="Words in the title or the lead.",
    ),
    limit: parameters.Limit = 20,
    offset: parameters.Offset = 0,
):
    language = parameters.language(locale)
    pages = selectors.newest_first(selectors.public_announcements(locale=language))
    if q:
        pages = pages.filter(Q(title__icontains=q) | Q(lead__icontains=q))
    out = out_.Output(request, language)
    return Listing(pages, lambda page: out_.announcements(page.defer_streamfields(), out))


@router.get(
    "/{announcement_id}/",
    response={200: schemas.AnnouncementDetail, 404: schemas.Error},
    summary="One public announcement, with its body",
)
def get_announcement(
    request, announcement_id: parameters.ItemId, locale: schemas.Locale = schemas.SOURCE_LOCALE
):
    language = parameters.language(locale)
    page = selectors.public_announcements(locale=language).filter(pk=announcement_id).first()
    if page is None:
        raise HttpError(404, "No public announcement with this id in this language.")
    return out_.announcements([page], out_.Output(request, language), with_body=True)[0]
