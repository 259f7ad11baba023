"""Every text an editor can see, in one place, and the problems that carry them."""

from django.utils.translation import gettext, gettext_noop

from .types import Problem

MESSAGES = {
    "empty": gettext_noop("The text is empty."),
    "binary": gettext_noop(
        "This does not look like text but like a binary file (an image, a PDF or a Word "
        "document). Paste the text of the announcement or save it as plain text."
    ),
    "undecodable": gettext_noop(
        "The text cannot be read: its encoding is neither UTF-8 nor Windows-1250. "
        "Save it as UTF-8 text and try again."
    ),
    "too_long": gettext_noop(
        "The text is too long: %(length)s characters, at most %(limit)s are allowed."
    ),
    "no_title": gettext_noop("No title was found: the first line of the text should be the title."),
    "title_too_long": gettext_noop(
        "The title has %(length)s characters, at most %(limit)s are allowed: the first line "
        "of the text should be the title alone."
    ),
    "no_lead": gettext_noop(
        "No introductory paragraph was found before the meetings; write the lead by hand."
    ),
    "lead_too_long": gettext_noop(
        "The introductory paragraph has %(length)s characters, at most %(limit)s are allowed."
    ),
    "invalid_publication_date": gettext_noop("The publication date “%(date)s” does not exist."),
    "no_meetings": gettext_noop(
        "No meetings were found. A meeting starts with a paragraph that gives its date and "
        "time, e.g. “10 czerwca 2025 r. (wtorek), godz. 17:00–19:00”."
    ),
    "too_many_meetings": gettext_noop(
        "The text has too many meetings (%(count)s): one announcement may have at most "
        "%(limit)s. Split the text into several announcements."
    ),
    "no_organizer": gettext_noop(
        "No organising unit from the list of organisers was recognised in the text."
    ),
    "no_date": gettext_noop(
        "Meeting %(number)s (“%(text)s”): no date was found; give it as e.g. “10 czerwca 2025 r.”."
    ),
    "invalid_date": gettext_noop("Meeting %(number)s: the date “%(date)s” does not exist."),
    "assumed_year": gettext_noop(
        "Meeting %(number)s: the date “%(date)s” has no year; %(year)s was assumed."
    ),
    "weekday_mismatch": gettext_noop(
        "Meeting %(number)s: the text gives the weekday “%(written)s” for “%(date)s”, "
        "but that date is %(correct)s."
    ),
    "no_time": gettext_noop(
        "Meeting %(number)s (%(date)s): no time was found; give it as e.g. “godz. 17:00–19:00”."
    ),
    "no_end_time": gettext_noop(
        "Meeting %(number)s (%(date)s): only the start time was found; give the end time too, "
        "e.g. “godz. 17:00–19:00”."
    ),
    "invalid_time": gettext_noop(
        "Meeting %(number)s (%(date)s): the time “%(time)s” does not exist."
    ),
    "end_before_start": gettext_noop(
        "Meeting %(number)s (%(date)s): it ends at %(end)s, which is not after its start at "
        "%(start)s."
    ),
    "no_spheres": gettext_noop(
        "Meeting %(number)s (%(date)s): no spheres of public benefit were listed."
    ),
    "unmatched_sphere": gettext_noop(
        "Meeting %(number)s (%(date)s): “%(text)s” was not recognised as a sphere of public "
        "benefit; choose the sphere by hand."
    ),
    "possible_sphere": gettext_noop(
        "Meeting %(number)s (%(date)s): “%(text)s” may name a sphere of public benefit, "
        "perhaps “%(sphere)s”; check it and choose the sphere by hand if so."
    ),
    "no_venue": gettext_noop(
        "Meeting %(number)s (%(date)s): neither a venue nor an online meeting was found."
    ),
    "no_online_url": gettext_noop(
        "Meeting %(number)s (%(date)s) is held online, but no link to it was found."
    ),
    "no_topic": gettext_noop("Meeting %(number)s (%(date)s): no topic was found."),
    "topic_too_long": gettext_noop(
        "Meeting %(number)s (%(date)s): the topic has %(length)s characters, at most "
        "%(limit)s are allowed."
    ),
}

WARNINGS = frozenset(
    {
        "no_lead",
        "lead_too_long",
        "no_organizer",
        "assumed_year",
        "no_spheres",
        "possible_sphere",
        "no_venue",
        "no_online_url",
        "no_topic",
    }
)


def message(code: str, **params) -> str:
    """The editor's message for ``code`` in the active language."""
    text = gettext(MESSAGES[code])
    return text % params if params else text


def problem(code: str, meeting: int | None = None, **params) -> Problem:
    if meeting is not None:
        params["number"] = meeting + 1
    severity = "warning" if code in WARNINGS else "error"
    return Problem(code=code, message=message(code, **params), meeting=meeting, severity=severity)


def count(number: int) -> str:
    """Thousands separated by a space, as Polish writes them: 100 000."""
    return f"{number:,}".replace(",", "\u00a0")
