"""The headless preview: a draft's JSON, for a signed token from the admin."""

from django.http import HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from meetings.api import parameters, schemas
from meetings.api import serializers as out_

router = Router(tags=["preview"])


@router.get(
    "/",
    response={200: schemas.PreviewAnnouncement, 403: schemas.Error},
    summary="A draft being previewed in the admin",
    url_name="preview",
    operation_id="get_preview",
)
def preview(
    request,
    response: HttpResponse,
    token: str = Query(
        ..., max_length=parameters.LONG_PARAMETERS["token"], pattern=parameters.TEXT_PATTERN
    ),
):
    """Exchange the token from the admin's "Portal" preview for the draft's JSON.

    The token is signed and expires after HEADLESS_PREVIEW_MAX_AGE seconds (10 minutes by
    default); without a valid one, no draft content is reachable. Never cached.
    """
    from meetings import preview as headless_preview

    try:
        page = headless_preview.page_for_token(token)
    except headless_preview.InvalidToken:
        raise HttpError(403, "The preview token is invalid or has expired.") from None
    response["Content-Language"] = page.locale.language_code
    return out_.preview_announcement(page, out_.Output(request, page.locale))
