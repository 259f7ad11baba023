"""Check how announcement texts would import, without saving anything.

Useful to try a department's file before an editor pastes it, and to run a whole folder of
past announcements through the parser after changing it.
"""

import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from meetings.formatting import format_date, format_meeting_when, format_time
from meetings.importing import drafts
from meetings.importing.parser import (
    ImportTextError,
    ParsedAnnouncement,
    ParsedMeeting,
    parse_announcement,
    read_text,
)

PROGRESS_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Parse announcement text files and print the meetings, venues, spheres and problems "
        "the import would recognise. Writes nothing to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Text files to parse.")
        parser.add_argument(
            "--json", action="store_true", help="Print the results as JSON (dates in ISO 8601)."
        )

    def handle(self, *args, files, **options):
        known = drafts.known_data()
        results = []
        failed = 0
        for position, name in enumerate(files, start=1):
            if len(files) > 1:
                self._progress(position - 1, len(files), name)
            result = self._parse(name, known)
            if result["error"] or result["announcement"].has_errors:
                failed += 1
            results.append(result)
        if len(files) > 1:
            self._progress(len(files), len(files), "")
            self.stderr.write("")

        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [_as_json(result) for result in results],
                    indent=2,
                    ensure_ascii=False,
                    default=_json_default,
                )
            )
        else:
            for result in results:
                self._print(result, known)
        if len(files) > 1:
            parsed = len(files) - failed
            summary = ngettext(
                "%(ok)d of %(total)d file parsed without errors.",
                "%(ok)d of %(total)d files parsed without errors.",
                len(files),
            ) % {"ok": parsed, "total": len(files)}
            (self.stderr if options["json"] else self.stdout).write(summary)
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d file has errors or could not be read.",
                    "%(count)d files have errors or could not be read.",
                    failed,
                )
                % {"count": failed}
            )

    def _parse(self, name: str, known: dict) -> dict:
        try:
            text = read_text(Path(name).read_bytes())
        except FileNotFoundError:
            return {"file": name, "error": _cannot_read(name, gettext("there is no such file"))}
        except IsADirectoryError:
            return {"file": name, "error": _cannot_read(name, gettext("it is a folder"))}
        except PermissionError:
            return {"file": name, "error": _cannot_read(name, gettext("permission denied"))}
        except OSError as error:
            return {"file": name, "error": _cannot_read(name, error.strerror or str(error))}
        except ImportTextError as error:
            return {"file": name, "error": _cannot_read(name, str(error))}
        announcement = parse_announcement(
            text,
            **known,
        )
        return {"file": name, "error": None, "announcement": announcement}

    def _progress(self, done: int, total: int, name: str) -> None:
        filled = PROGRESS_WIDTH * done // total
        bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} {Path(name).name[:40]:<40}", ending="")
        self.stderr.flush()

    def _print(self, result: dict, known: dict) -> None:
        write = self.stdout.write
        write(f"== {result['file']} ==")
        if result["error"]:
            write(self.style.ERROR(result["error"]))
            write("")
            return
        announcement: ParsedAnnouncement = result["announcement"]
        none = gettext("none")
        write(gettext("Title: %(title)s") % {"title": announcement.title or none})
        published = announcement.publication_date
        write(
            gettext("Publication date: %(date)s")
            % {"date": format_date(published, weekday=False) if published else none}
        )
        venues = {venue.id: venue for venue in known["venues"]}
        names = {sphere.number: sphere.display_name for sphere in known["spheres"]}
        for number, meeting in enumerate(announcement.meetings, start=1):
            write(
                gettext("Meeting %(number)s: %(when)s") % {"number": number, "when": _when(meeting)}
            )
            self._print_meeting(meeting, venues, names)
        if announcement.problems:
            write(gettext("Problems:"))
            for problem in announcement.problems:
                if problem.severity == "error":
                    write(
                        self.style.ERROR(
                            "  " + gettext("Error: %(message)s") % {"message": problem.message}
                        )
                    )
                else:
                    write(
                        self.style.WARNING(
                            "  " + gettext("Warning: %(message)s") % {"message": problem.message}
                        )
                    )
        write("")

    def _print_meeting(self, meeting: ParsedMeeting, venues: dict, names: dict) -> None:
        write = self.stdout.write
        venue = meeting.venue
        if venue and venue.venue_id in venues:
            known = venues[venue.venue_id]
            write(
                "  "
                + gettext("Venue: %(venue)s (id %(id)s)")
                % {"venue": f"{known.name}, {known.street_address}", "id": known.id}
            )
        elif venue:
            description = ", ".join(
                part for part in (venue.name, venue.street_address, venue.room, venue.floor) if part
            )
            write("  " + gettext("Venue: new venue: %(venue)s") % {"venue": description})
        if meeting.online:
            write("  " + gettext("Online: %(link)s") % {"link": meeting.online_url or "—"})
        write("  " + gettext("Topic: %(topic)s") % {"topic": meeting.topic or gettext("none")})
        write("  " + gettext("Spheres:"))
        for sphere in meeting.spheres:
            if sphere.number is None:
                write(
                    self.style.ERROR(
                        "    " + gettext("not recognised: %(text)s") % {"text": sphere.text}
                    )
                )
            else:
                write(f"    {sphere.number}. {names.get(sphere.number, sphere.text)}")


def _cannot_read(name: str, reason: str) -> str:
    return gettext("Cannot read %(file)s: %(reason)s") % {"file": name, "reason": reason}


def _when(meeting: ParsedMeeting) -> str:
    if meeting.start and meeting.end:
        return format_meeting_when(meeting.start, meeting.end)
    if meeting.start:
        return f"{format_date(meeting.start)}, {format_time(meeting.start)}"
    return gettext("date not recognised (%(text)s)") % {"text": meeting.date_text}


def _as_json(result: dict) -> dict:
    if result["error"]:
        return {"file": result["file"], "error": result["error"]}
    announcement: ParsedAnnouncement = result["announcement"]
    return {
        "file": result["file"],
        "error": None,
        "has_errors": announcement.has_errors,
        **asdict(announcement),
    }


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)
