"""``limit`` and ``offset`` for the API's lists, through django-ninja's ``@paginate``.

A list answers ``{"count", "limit", "offset", "items"}``: the shape of ``schemas.MeetingList``
and ``schemas.AnnouncementList``, which each operation declares itself.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from ninja.pagination import PaginationBase

from meetings import publication

COUNT_KEY_PREFIX = "meetings:api-count"
# Parameters that choose a page of the list, not the items it matches.
PAGING_PARAMETERS = {"limit", "offset", "ordering"}


@dataclass(frozen=True)
class Listing:
    """What a list operation returns: every item it matches, in order, and how to render a
    page of them (a slice of ``matching``) in one go."""

    matching: QuerySet
    render: Callable[[QuerySet], list]


class LimitOffset(PaginationBase):
    """``count`` is every match's, ``items`` one page's.

    ``limit`` and ``offset`` are the operation's own parameters (``parameters.Limit`` and
    ``parameters.Offset``): as an ``Input`` schema of the paginator's, django-ninja would add
    that schema to the OpenAPI document's components. ``count`` counts the matches
    (``cached_count`` for a list that keeps it); ``respond`` makes the response of the page
    (``serializers.json_response`` for a list that skips the validation of its output).
    """

    # Each operation declares its list's schema; django-ninja would name one of its own.
    Output = None

    def __init__(
        self,
        *,
        count: Callable[[Any, QuerySet], int] | None = None,
        respond: Callable[[dict], Any] | None = None,
        **kwargs,
    ):
        self.count = count or (lambda request, queryset: queryset.count())
        self.respond = respond or (lambda data: data)
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset: Listing, pagination, request, **params):
        limit, offset = params["limit"], params["offset"]
        return self.respond(
            {
                "count": self.count(request, queryset.matching),
                "limit": limit,
                "offset": offset,
                "items": queryset.render(queryset.matching[offset : offset + limit]),
            }
        )


def cached_count(request, queryset) -> int:
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
