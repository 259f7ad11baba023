"""The one place where the API's parameters are parsed and validated.

The caps on a query string run before django-ninja parses it; each refusal is a 422 that names
the parameter (``meetings.api.errors``).
"""

import re
from datetime import date, datetime, time
from enum import StrEnum
from functools import wraps
from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from ninja import Path, Query
from ninja.errors import HttpError
from pydantic import StringConstraints, WithJsonSchema, WrapValidator
from pydantic import ValidationError as ParseError
from pydantic_core import PydanticCustomError
from wagtail.models import Locale

from meetings import selectors
from meetings.api import schemas
from meetings.api.errors import invalid, unprocessable
from meetings.conf import plugin_settings
from meetings.forms import EARLIEST_DATE, LATEST_DATE, MAX_SPHERES, within_filter_years
from meetings.models import Sphere

MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[-a-z0-9]{1,80}$"
TEXT_PATTERN = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL
MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_PARAMETERS = 30
MAX_PARAMETER_LENGTH = 200
# Parameters allowed to be longer than MAX_PARAMETER_LENGTH, with their own limit.
LONG_PARAMETERS = {"token": 2000}

# A sphere in a filter: its slug or its legal number ("1a", "32").
SphereValue = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# An item's id in a path: the database refuses one past 2**63 - 1.
ItemId = Annotated[int, Path(..., ge=1, le=MAX_ID)]
# A list's page, read by ``pagination.LimitOffset``; each list gives the defaults, 20 and 0.
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


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


def within_query_caps(run):
    """Refuse oversized query strings before they are parsed or reach the database."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        problem = query_problem(request.GET)
        if problem:
            return unprocessable(*problem)
        return run(request, *args, **kwargs)

    return checked


def language(code: schemas.Locale) -> Locale:
    return Locale.objects.get(language_code=code.value)


DATE_MESSAGE = (
    "Give a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM[:SS], Warsaw time unless "
    f"an offset follows) from the years {EARLIEST_DATE.year}–{LATEST_DATE.year}."
)


# The years the filters take (EARLIEST_DATE to LATEST_DATE), as the document states them to
# clients; its format, date or date-time, says the rest.
YEARS_PATTERN = "^(19|2[0-9])[0-9]{2}-"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ]|$)")


def _filter_date(value, parse):
    """One error that names the parameter, for a date the filters cannot use: pydantic's own
    errors name each member of ``date | datetime`` apart, its years 1–9999 overflow once a
    day's end or a time zone is added, and it would read a number as a Unix timestamp."""
    try:
        parsed = parse(value) if isinstance(value, str) and ISO_DATE.match(value) else None
    except ParseError:
        parsed = None
    if parsed is None or not within_filter_years(parsed.year):
        raise PydanticCustomError("value_error", DATE_MESSAGE)
    return parsed


FilterDate = Annotated[
    date | datetime,
    WrapValidator(_filter_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": YEARS_PATTERN},
                {"type": "string", "format": "date-time", "pattern": YEARS_PATTERN},
            ]
        }
    ),
]


def as_aware(value: date | datetime, *, end: bool) -> datetime:
    """A date means the whole day; a datetime without an offset is Warsaw time."""
    if isinstance(value, datetime):
        return (
            timezone.make_aware(value, selectors.local_zone())
            if timezone.is_naive(value)
            else value
        )
    day = datetime.combine(value, time.min, tzinfo=selectors.local_zone())
    return day + (timezone.timedelta(days=1) if end else timezone.timedelta(0))


def spheres(values: list[str], locale: Locale) -> list[Sphere]:
    """The spheres ``values`` name, by slug or legal number, in ``locale``; a 422 for any other."""
    if len(values) > MAX_SPHERES:
        invalid("sphere", f"At most {MAX_SPHERES} spheres.")
    if any(len(value) > 80 or "\x00" in value for value in values):
        invalid("sphere", "A sphere is a slug or a legal number.")
    found = list(
        Sphere.objects.filter(locale=locale).filter(Q(slug__in=values) | Q(number__in=values))
    )
    known = {s.slug for s in found} | {s.number for s in found}
    unknown = [v for v in values if v not in known]
    if unknown:
        raise HttpError(
            404,
            f"No sphere {', '.join(unknown[:5])}. A sphere is a slug or a legal number, as "
            f"{plugin_settings.API_PREFIX}spheres/ lists them.",
        )
    return found


class Ordering(StrEnum):
    start = "start"
    latest_first = "-start"
