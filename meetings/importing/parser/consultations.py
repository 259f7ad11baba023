"""The consultation an announcement belongs to: one of those the site knows, named in the text."""

import re
from collections.abc import Sequence

from .types import KnownConsultation
from .words import stems_match, stems_of

_NUMBER_RE = re.compile(r"\d+")
# Of a consultation's title words, the share the text must hold in some form.
WORDS_NEEDED = 0.75


def find_consultation(text: str, consultations: Sequence[KnownConsultation]) -> int | None:
    """The consultation whose title's numbers (its year) all appear in ``text`` and most of
    whose words do, in any grammatical form; None if none does, or if two do equally well."""
    numbers = set(_NUMBER_RE.findall(text))
    stems = set(stems_of(text))
    scores: list[tuple[float, int]] = []
    for consultation in consultations:
        if not set(_NUMBER_RE.findall(consultation.title)) <= numbers:
            continue
        title = set(stems_of(consultation.title))
        if len(title) < 2:
            continue
        found = sum(
            1 for stem in title if stem in stems or any(stems_match(stem, s) for s in stems)
        )
        if found / len(title) >= WORDS_NEEDED:
            scores.append((found / len(title), consultation.id))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]
