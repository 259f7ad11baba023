"""The next days with meetings, for a front end's calendar strip."""

from datetime import date, timedelta

from ninja import Router

from meetings import formatting, selectors
from meetings.api import parameters, schemas
from meetings.api import serializers as out_

router = Router(tags=["meetings"])

SCHEDULE_DAYS = 60


@router.get(
    "/", response=schemas.Schedule, summary="Upcoming meetings by day", operation_id="get_schedule"
)
def schedule(request, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    """The next days with meetings, each with its label as the city writes it."""
    language = parameters.language(locale)
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
