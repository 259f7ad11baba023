"""The organising units that an announcement names."""

from collections.abc import Sequence

from .types import KnownOrganizer
from .words import stems_match, stems_of


def find_organizers(text: str, organizers: Sequence[KnownOrganizer]) -> list[int]:
    """Organisers whose every name word appears, in order, in any grammatical form."""
    stems = stems_of(text)
    starts: dict[str, list[int]] = {}
    for position, stem in enumerate(stems):
        starts.setdefault(stem[:4], []).append(position)
    found = []
    for organizer in organizers:
        name = stems_of(organizer.name)
        if not name:
            continue
        for position in starts.get(name[0][:4], []):
            window = stems[position : position + len(name)]
            if len(window) == len(name) and all(
                stems_match(a, b) for a, b in zip(window, name, strict=True)
            ):
                found.append((position, organizer.id))
                break
    return [organizer_id for _position, organizer_id in sorted(found)]
