"""The change feed: what left, entered or changed in the public API, in order, per language.

``sync`` compares what the API shows now (through the one visibility rule, in every content
language) with what it showed at the last sync (``PublicItem``), and gives every difference
the next sequence number: an upsert with the item's JSON as the detail endpoint shows it, or a
tombstone when the item left the public view for whatever reason (unpublished, deleted, made
private, moved under a private page, expired, a translation removed). Because the feed is
computed from the visibility rule rather than from the events that change it, no way of
hiding an item can be missed.

A sync runs as a task after each commit that may change public content and, by itself, at the
next moment when passing time changes what is public (an expiry date, midnight for the
upcoming counts): ``meetings.tasks``.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from ninja.responses import NinjaJSONEncoder
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page

from meetings import selectors
from meetings.api import schemas, serializers
from meetings.models import ItemType, Organizer, PublicItem, Sphere, SyncState, Venue

# Items that others refer to first, so that a client applying upserts in order can resolve
# each reference; tombstones in the reverse order.
ORDER = [
    ItemType.SPHERE,
    ItemType.VENUE,
    ItemType.ORGANIZER,
    ItemType.ANNOUNCEMENT,
    ItemType.MEETING,
]
# Opaque to clients; every cursor this pattern allows is one the feed can read from.
CURSOR_PATTERN = r"^c[0-9a-f]{1,15}$"


class CursorAhead(ValueError):
    """A cursor past the last change: not one this feed gave (a database put back from a
    backup, say); the client has to sync again from the start."""


@dataclass(frozen=True)
class Item:
    type: str
    id: int
    locale: str
    translation_key: str
    payload: str


# The schema each type's detail endpoint answers with.
SCHEMAS = {
    ItemType.SPHERE: schemas.Sphere,
    ItemType.VENUE: schemas.Venue,
    ItemType.ORGANIZER: schemas.Organizer,
    ItemType.ANNOUNCEMENT: schemas.AnnouncementDetail,
    ItemType.MEETING: schemas.Meeting,
}


def public_items(locale: Locale) -> Iterator[Item]:
    """Everything the API shows in ``locale``, each exactly as its detail endpoint shows it
    (validated by its schema and encoded as django-ninja encodes it)."""
    out = serializers.Output(None, locale)
    code = locale.language_code

    def items(kind, dicts):
        schema = SCHEMAS[kind]
        for data in dicts:
            shown = schema.model_validate(data).model_dump(by_alias=True)
            payload = json.dumps(shown, cls=NinjaJSONEncoder, ensure_ascii=False)
            yield Item(kind, data["id"], code, str(data["translation_key"]), payload)

    yield from items(
        ItemType.SPHERE, serializers.spheres(Sphere.objects.filter(locale=locale), out)
    )
    for kind, model, serialize in (
        (ItemType.VENUE, Venue, serializers.venue),
        (ItemType.ORGANIZER, Organizer, serializers.organizer),
    ):
        places = selectors.public_places(model, locale=locale).order_by("pk")
        yield from items(kind, serializers.places(places, out, serialize))
    pages = selectors.public_announcements(locale=locale).order_by("pk")
    yield from items(ItemType.ANNOUNCEMENT, serializers.announcements(pages, out, with_body=True))
    meetings = list(selectors.public_meetings(locale=locale).order_by("pk"))
    yield from items(ItemType.MEETING, serializers.meetings(meetings, out))


def content_locales() -> list[Locale]:
    codes = [code for code, _name in get_content_languages().items()]
    locales = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    return [locales[code] for code in codes if code in locales]


@transaction.atomic
def sync(*, now: datetime | None = None) -> list[PublicItem]:
    """Number what changed since the last sync; return the changes recorded, in order."""
    now = now or timezone.now()
    SyncState.objects.get_or_create(pk=1)
    state = SyncState.objects.select_for_update().get(pk=1)
    current = {
        (item.type, item.id): item for locale in content_locales() for item in public_items(locale)
    }
    known = {(row.type, row.object_id): row for row in PublicItem.objects.defer("payload")}
    rank = {kind: position for position, kind in enumerate(ORDER)}
    sequence = state.last_sequence
    new, updated = [], []

    for key in sorted(current, key=lambda key: (rank[key[0]], key[1])):
        item = current[key]
        digest = hashlib.sha256(item.payload.encode()).hexdigest()
        row = known.get(key)
        if row is not None and row.digest == digest:
            continue
        sequence += 1
        if row is None:
            new.append(
                PublicItem(
                    type=item.type,
                    object_id=item.id,
                    locale=item.locale,
                    translation_key=item.translation_key,
                    payload=item.payload,
                    digest=digest,
                    sequence=sequence,
                    changed_at=now,
                )
            )
        else:
            row.locale, row.translation_key = item.locale, item.translation_key
            row.payload, row.digest, row.sequence, row.changed_at = (
                item.payload,
                digest,
                sequence,
                now,
            )
            updated.append(row)
    gone = [row for key, row in known.items() if key not in current and row.digest]
    for row in sorted(gone, key=lambda row: (-rank[row.type], row.object_id)):
        sequence += 1
        row.payload, row.digest, row.sequence, row.changed_at = "", "", sequence, now
        updated.append(row)

    PublicItem.objects.bulk_create(new, batch_size=500)
    fields = ["locale", "translation_key", "payload", "digest", "sequence", "changed_at"]
    PublicItem.objects.bulk_update(updated, fields, batch_size=500)
    state.last_sequence = sequence
    state.synced_at = now
    state.save(update_fields=["last_sequence", "synced_at"])
    return sorted([*new, *updated], key=lambda row: row.sequence)


def next_time_change(*, now: datetime | None = None) -> datetime:
    """The next moment passing time changes what the API shows: a page's expiry, or the next
    midnight in the site's time zone (meetings stop being upcoming)."""
    now = now or timezone.now()
    # Aware arithmetic on the local zone keeps the wall clock: midnight across a DST change.
    midnight = selectors.start_of_local_day(now=now) + timedelta(days=1)
    expiry = Page.objects.filter(live=True, expire_at__gt=now).aggregate(first=Min("expire_at"))[
        "first"
    ]
    return min(midnight, expiry) if expiry else midnight


@dataclass(frozen=True)
class FeedPage:
    rows: list[PublicItem]
    next_cursor: str
    has_more: bool


def encode_cursor(sequence: int) -> str:
    return f"c{sequence:x}"


def decode_cursor(cursor: str) -> int:
    """``CURSOR_PATTERN`` has been checked: "c" and up to 15 hex digits."""
    return int(cursor[1:], 16)


def read(*, since: int, language: str | None, limit: int) -> FeedPage:
    """The changes after ``since``, oldest first. The last sequence given out is read before
    the rows: every row up to it has committed, so a page that ends the feed can move the
    cursor there without skipping a change that commits later."""
    last = SyncState.objects.filter(pk=1).values_list("last_sequence", flat=True).first() or 0
    if since > last:
        raise CursorAhead(since)
    rows = PublicItem.objects.filter(sequence__gt=since)
    if language:
        rows = rows.filter(locale=language)
    rows = list(rows.order_by("sequence")[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    if has_more:
        position = rows[-1].sequence
    else:
        position = max([since, last, *(row.sequence for row in rows[-1:])])
    return FeedPage(rows, encode_cursor(position), has_more)


def entry(row: PublicItem) -> dict:
    return {
        "operation": "upsert" if row.payload else "delete",
        "type": row.type,
        "id": row.object_id,
        "locale": row.locale,
        "translation_key": str(row.translation_key),
        "item": orjson.Fragment(row.payload) if row.payload else None,
    }
