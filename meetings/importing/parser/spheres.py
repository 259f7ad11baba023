"""Spheres of public benefit: bullets matched to the points of the act, however worded."""

import math
import re
from collections import Counter
from collections.abc import Sequence

from .types import KnownSphere, SphereMatch
from .words import stems_match, stems_of

# A bullet scoring below this is reported rather than matched to the nearest sphere.
SPHERE_THRESHOLD = 0.55
# How much better a merged bullet must match than its parts to be read as one sphere.
MERGE_MARGIN = 0.05
# The act's longest point is under 250 characters: a sphere never spans more than this.
MERGE_MAX_PARTS = 4
MERGE_MAX_LENGTH = 400

# Everyday words for what the act words differently: seniors are "osoby w wieku emerytalnym",
# sport is "kultura fizyczna".
_SYNONYMS = {"senior": ("emeryt",), "starsz": ("emeryt",), "sport": ("kultur", "fizycz")}


class SphereIndex:
    """Scores a bullet against every sphere by weighted stem overlap, in any grammatical form.

    Precision (how much of the bullet the sphere explains) counts most, so a shortened bullet
    still finds its point; recall (how much of the sphere the bullet says) and the head word
    break ties between spheres that share words, such as "dzieci i młodzieży" and "praw dziecka".
    """

    def __init__(self, spheres: Sequence[KnownSphere]):
        self.spheres = list(spheres)
        self.forms: list[list[list[str]]] = []
        self.vocab: list[set[str]] = []
        frequency: Counter[str] = Counter()
        for sphere in self.spheres:
            forms = [stems_of(sphere.name), stems_of(sphere.display_name)]
            forms = [list(dict.fromkeys(form)) for form in forms if form]
            vocab = {stem for form in forms for stem in form}
            self.forms.append(forms)
            self.vocab.append(vocab)
            frequency.update(vocab)
        count = max(len(self.spheres), 1)
        self.weight = {stem: 1 + math.log(count / seen) for stem, seen in frequency.items()}
        self.unknown_weight = 1 + math.log(count) if frequency else 1.0
        self.by_prefix: dict[str, set[str]] = {}
        for stem in frequency:
            self.by_prefix.setdefault(stem[:4], set()).add(stem)
        self.spheres_with: dict[str, set[int]] = {}
        for position, vocab in enumerate(self.vocab):
            for stem in vocab:
                self.spheres_with.setdefault(stem, set()).add(position)
        self._expanded: dict[str, frozenset[str]] = {}
        self._scored: dict[str, tuple[str | None, float]] = {}

    def _expand(self, stem: str) -> frozenset[str]:
        """The sphere stems a bullet stem stands for."""
        if stem not in self._expanded:
            candidates = self.by_prefix.get(stem[:4], set()) if len(stem) >= 4 else {stem}
            self._expanded[stem] = frozenset(
                known for known in candidates if known in self.weight and stems_match(stem, known)
            )
        return self._expanded[stem]

    def best(self, text: str) -> tuple[str | None, float]:
        key = " ".join(text.split())
        if key not in self._scored:
            self._scored[key] = self._best(key)
        return self._scored[key]

    def _best(self, text: str) -> tuple[str | None, float]:
        stems = []
        for stem in stems_of(text):
            synonyms = next((v for k, v in _SYNONYMS.items() if stem.startswith(k)), (stem,))
            stems.extend(synonyms)
        stems = list(dict.fromkeys(stems))
        if not stems or not self.spheres:
            return None, 0.0
        matches = {stem: self._expand(stem) for stem in stems}
        weights = {
            stem: max((self.weight[known] for known in matches[stem]), default=self.unknown_weight)
            for stem in stems
        }
        total = sum(weights.values())
        covered = frozenset().union(*matches.values())
        candidates = set().union(*(self.spheres_with[known] for known in covered))
        head = matches[stems[0]]
        ranked = []
        for position in candidates:
            vocab = self.vocab[position]
            precision = sum(weights[stem] for stem in stems if matches[stem] & vocab) / total
            recall = max(
                sum(self.weight[known] for known in form if known in covered)
                / sum(self.weight[known] for known in form)
                for form in self.forms[position]
            )
            heads = any(form[0] in head for form in self.forms[position])
            score = 0.6 * precision + 0.3 * recall + (0.1 if heads else 0.0)
            ranked.append((round(score, 6), recall, -position))
        if not ranked:
            return None, 0.0
        score, _recall, negative_position = max(ranked)
        return self.spheres[-negative_position].number, score


_CONTINUATION_RE = re.compile(r"^(?:i|oraz|a\s+także|a|lub|albo|w\s+tym|z|ze|w|we|na|do)\s")


def match_spheres(bullets: list[str], index: SphereIndex) -> list[SphereMatch]:
    """Bullets to spheres, joining a sphere that the text split over two or more bullets."""
    matches: list[SphereMatch] = []
    position = 0
    while position < len(bullets):
        text = bullets[position]
        number, score = index.best(text)
        parts = 1
        while (
            position + 1 < len(bullets)
            and parts < MERGE_MAX_PARTS
            and not text.rstrip().endswith((";", "."))
        ):
            following = bullets[position + 1]
            merged = f"{text} {following}"
            merged_number, merged_score = index.best(merged)
            next_number, next_score = index.best(following)
            continues = bool(_CONTINUATION_RE.match(following))
            better = merged_number is not None and (
                merged_score >= max(score, next_score) + MERGE_MARGIN
                or (
                    number == next_number == merged_number
                    and min(score, next_score) < SPHERE_THRESHOLD
                )
            )
            if len(merged) > MERGE_MAX_LENGTH or not (continues or better):
                break
            text, number, score = merged, merged_number, merged_score
            position += 1
            parts += 1
        if score < SPHERE_THRESHOLD:
            number = None
        matches.append(SphereMatch(number=number, text=text, score=round(min(score, 1.0), 3)))
        position += 1
    unique, seen = [], set()
    for match in matches:
        if match.number is None or match.number not in seen:
            unique.append(match)
            seen.add(match.number)
    return unique


_INLINE_SPHERES_RE = re.compile(
    r"(?<!\w)(?i:w\s+sferach|w\s+sferze|sfer[ay](?:\s+pożytku\s+publicznego)?)\s{0,3}:?\s{0,3}"
)


def inline_spheres(text: str) -> list[str]:
    """ "Sfery: kultury, sztuki…; turystyki i krajoznawstwa." written in the paragraph itself."""
    labels = list(_INLINE_SPHERES_RE.finditer(text))
    if not labels:
        return []
    rest = text[labels[-1].end() :].split("\n")[0].strip().rstrip(".").strip()
    if len(rest) < 4:
        return []
    return [part.strip() for part in rest.split(";") if part.strip()]
