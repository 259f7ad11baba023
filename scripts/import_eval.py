"""How well the import reads announcements it was not written for: `make import-eval`.

The corpus in ``tests/import_corpus/`` has two parts. The development part is what the parser
may be improved against: the texts at its top, which the parser's own tests hold it to
exactly, and ``dev/``, measured here only. The held-out part (``heldout/``) is written in other
styles and never tuned against, only run; texts looked at while improving the parser move to
``dev/`` and new ones are written for ``heldout/``. For each part
this prints, per field, precision (of what the parser found, how much is right) and recall (of
what the text holds, how much the parser found), the share of texts read exactly, and then each
text that is not exact with what differs.

Fields: meetings (a meeting found on the expected day), start, end, spheres (each sphere of each
meeting), venue (its street address) and online link. Run from the repository's root.
"""

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "import_corpus"
SPHERES = ROOT / "meetings" / "data" / "spheres.json"
FIELDS = ["meetings", "start", "end", "spheres", "venue", "online"]
# Texts without a year are read as the next such day after this one, as the tests read them.
TODAY = date(2025, 1, 1)


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    right: int = 0

    def add(self, found: int, expected: int, right: int) -> None:
        self.found += found
        self.expected += expected
        self.right += right

    @staticmethod
    def ratio(part: int, whole: int) -> str:
        return f"{100 * part / whole:5.1f}" if whole else "    –"

    def precision(self) -> str:
        return self.ratio(self.right, self.found)

    def recall(self) -> str:
        return self.ratio(self.right, self.expected)


@dataclass
class Part:
    name: str
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    texts: int = 0
    exact: int = 0
    differences: dict[str, list[str]] = field(default_factory=dict)


def expected_meetings(path: Path) -> list[dict]:
    """The measured fields of each expected meeting, from either part's JSON."""
    found = []
    for meeting in json.loads(path.read_text(encoding="utf-8"))["meetings"]:
        venue = meeting.get("venue") or {}
        found.append(
            {
                "start": meeting["start"],
                "end": meeting["end"],
                "spheres": [number for number in meeting["spheres"] if number],
                "venue": venue.get("street_address", ""),
                "online": meeting.get("online_url", ""),
            }
        )
    return found


def parsed_meetings(parsed) -> list[dict]:
    return [
        {
            "start": meeting.start.isoformat() if meeting.start else "",
            "end": meeting.end.isoformat() if meeting.end else "",
            "spheres": [sphere.number for sphere in meeting.spheres if sphere.number],
            "venue": meeting.venue.street_address if meeting.venue else "",
            "online": meeting.online_url,
        }
        for meeting in parsed.meetings
    ]


def pairs(expected: list[dict], parsed: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Each expected meeting with the parsed one of the same start, else the next unpaired one
    in order; what is left over on either side stands alone."""
    left = list(range(len(parsed)))
    paired = []
    for wanted in expected:
        same = [i for i in left if parsed[i]["start"] == wanted["start"]]
        if same:
            left.remove(same[0])
            paired.append((wanted, parsed[same[0]]))
        else:
            paired.append((wanted, None))
    for index, (wanted, got) in enumerate(paired):
        if got is None and left:
            paired[index] = (wanted, parsed[left.pop(0)])
    return paired + [(None, parsed[i]) for i in left]


def score_text(part: Part, name: str, expected: list[dict], parsed: list[dict]) -> None:
    differences = []
    for wanted, got in pairs(expected, parsed):
        day = (wanted or got)["start"][:10] or "?"
        meeting_right = bool(wanted and got and wanted["start"][:10] == got["start"][:10])
        part.scores["meetings"].add(bool(got), bool(wanted), meeting_right)
        if not meeting_right:
            differences.append(
                f"meeting {day}: " + ("not found" if got is None else "not in the text")
                if wanted is None or got is None
                else f"meeting {wanted['start'][:10]} read on {got['start'][:10] or '?'}"
            )
        for key in ["start", "end", "venue", "online"]:
            want = wanted[key] if wanted else ""
            have = got[key] if got else ""
            part.scores[key].add(bool(have), bool(want), bool(have) and have == want)
            if wanted and got and have != want:
                differences.append(f"{day} {key}: {have or '–'} (expected {want or '–'})")
        want_spheres = set(wanted["spheres"]) if wanted else set()
        have_spheres = set(got["spheres"]) if got else set()
        part.scores["spheres"].add(
            len(have_spheres), len(want_spheres), len(have_spheres & want_spheres)
        )
        if wanted and got and have_spheres != want_spheres:
            wrong = sorted(have_spheres - want_spheres)
            missing = sorted(want_spheres - have_spheres)
            differences.append(
                f"{day} spheres:"
                + (f" wrong {', '.join(wrong)}" if wrong else "")
                + (f" missing {', '.join(missing)}" if missing else "")
            )
    part.texts += 1
    if differences:
        part.differences[name] = differences
    else:
        part.exact += 1


def evaluate(paths: list[Path], name: str, parse) -> Part:
    part = Part(name)
    for path in paths:
        parsed = parse(path.read_bytes())
        score_text(
            part, path.stem, expected_meetings(path.with_suffix(".json")), parsed_meetings(parsed)
        )
    return part


def report(parts: list[Part]) -> str:
    header = f"{'part':<9} {'texts':>5} {'exact':>7} " + " ".join(
        f"{field:>13}" for field in FIELDS
    )
    lines = [header, f"{'':<9} {'':>5} {'':>7} " + " ".join(f"{'P / R':>13}" for _ in FIELDS)]
    for part in parts:
        cells = " ".join(
            f"{part.scores[f].precision()} /{part.scores[f].recall()}".rjust(13) for f in FIELDS
        )
        exact = f"{100 * part.exact / part.texts:.0f} %" if part.texts else "–"
        lines.append(f"{part.name:<9} {part.texts:>5} {exact:>7} {cells}")
    for part in parts:
        for text, differences in part.differences.items():
            lines.append(f"\n{part.name} {text}:")
            lines.extend(f"  {difference}" for difference in differences)
    return "\n".join(lines)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from meetings.importing.parser import KnownSphere, parse_announcement

    spheres = [
        KnownSphere(
            number=entry["number"],
            name=entry["name_pl"],
            display_name=entry["name_pl_nominative"],
        )
        for entry in json.loads(SPHERES.read_text(encoding="utf-8"))
    ]

    def parse(text: bytes):
        return parse_announcement(text, spheres=spheres, today=TODAY)

    started = datetime.now()
    parts = [
        evaluate(
            sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt")), "dev", parse
        ),
        evaluate(sorted((CORPUS / "heldout").glob("*.txt")), "held-out", parse),
    ]
    print(report(parts))
    seconds = (datetime.now() - started).total_seconds()
    print(f"\n{sum(p.texts for p in parts)} texts in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
