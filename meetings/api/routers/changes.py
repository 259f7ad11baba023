"""The change feed: every change of what the API shows after a cursor (``api.changes``)."""

from ninja import Query, Router
from ninja.errors import HttpError

from meetings.api import changes, schemas
from meetings.api import serializers as out_

router = Router(tags=["changes"])

MAX_CHANGES = 500


@router.get(
    "/",
    response=schemas.ChangeList,
    summary="Changes since a cursor",
    openapi_extra={
        "responses": {
            409: {
                "description": "The cursor is past the last change (the feed was restored "
                "from a backup): sync again from the start.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        }
    },
    description=(
        "Without `since`, the initial sync: every public item, as upserts. Then send the "
        "`next` cursor as `since` to get what changed after it: an upsert for an item that "
        "entered or changed, a delete for one that left the public view for any reason. Ask "
        "again at once while `has_more` is true. Replaying the feed from the start, in order, "
        "gives exactly what the lists show; each item appears once, with its latest state."
    ),
)
def list_changes(
    request,
    since: str | None = Query(
        None,
        pattern=changes.CURSOR_PATTERN,
        description="The `next` cursor of an earlier answer; omit it for the initial sync.",
    ),
    locale: schemas.Locale | None = Query(
        None, description="Only the changes in this language; every language when omitted."
    ),
    limit: int = Query(100, ge=1, le=MAX_CHANGES),
):
    position = changes.decode_cursor(since) if since else 0
    try:
        page = changes.read(since=position, language=locale.value if locale else None, limit=limit)
    except changes.CursorAhead:
        raise HttpError(
            409, "The cursor is past the last change: sync again from the start, without since."
        ) from None
    response = out_.json_response(
        {
            "changes": [changes.entry(row) for row in page.rows],
            "next": page.next_cursor,
            "has_more": page.has_more,
        }
    )
    response["Content-Language"] = (
        locale.value if locale else ", ".join(code.value for code in schemas.Locale)
    )
    return response
