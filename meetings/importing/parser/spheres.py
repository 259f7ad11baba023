"""Spheres of public benefit: bullets matched to the points of the act, however worded."""

import math
import re
from collections import Counter
from collections.abc import Sequence

from .dates import find_date
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

    def name_of(self, number: str) -> str:
        return next((s.display_name for s in self.spheres if s.number == number), number)

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


# Spheres named in running text, a table row or by the act's point numbers, where a meeting has
# no list of them. Only what follows words that introduce spheres is read, and only a part that
# matches well is kept: a wrong sphere is worse than a missing one.
_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:w\s+(?:obszar(?:ze|ach)|sferze|sferach)|z\s+(?:obszar(?:u|ów)|zakresu)"
    r"|zajmując\w*\s+się|działając\w*\s+na\s+rzecz|poświęcon\w*\s+sfer(?:ze|om)"
    r"|dotycz\w*\s+sfer[yz]e?"
    r"|(?:sfer(?:a|y|ach)?|obszar(?:y|ów)?|adresaci)\s*:)[ \t]*:?[ \t]*"
)
_SPAN_END_RE = re.compile(
    r"(?i)\.(?:\s|$)|\n|\s+na\s+spotkani|,\s+któr|\s+do\s+udziału|\s+w\s+dniu|\s+\(|\)|$"
)
_COARSE_RE = re.compile(r";|\s+oraz\s+")
# The act's own title names volunteering and public benefit, which are spheres too.
_ACT_TITLE_RE = re.compile(
    r"(?i)ustaw\w*\s+(?:z\s+dnia\s+[\w\s.]{0,30}?\s+)?o\s+działalności\s+pożytku\s+"
    r"publicznego\s+i\s+o\s+wolontariacie"
)
_CELLS_RE = re.compile(r"\t|\s*[|;]\s*| {2,}")
_POINTS_RE = re.compile(
    r"(?i)art\.\s*4\s*ust\.\s*1\s*pkt\.?\s*"
    r"(\d{1,2}[a-z]{0,2}(?:\s*(?:,|\bi\b|\boraz\b)\s*\d{1,2}[a-z]{0,2})*)"
)
# The longest list of spheres read after the words that introduce it.
MAX_LISTED = 41
# Words that match a sphere this closely, but not for sure, are shown to the editor to check.
DOUBT_THRESHOLD = 0.45
# A whole phrase this close to a sphere is that sphere; a part of one must be this close, and a
# single word closer still.
WHOLE_THRESHOLD = 0.8
PART_THRESHOLD = 0.6


def _sure(number: str | None, score: float, text: str) -> bool:
    if number is None:
        return False
    return score >= WHOLE_THRESHOLD or (len(text.split()) > 1 and score >= PART_THRESHOLD)


def phrase_spheres(
    phrase: str, index: SphereIndex, source: str = "words", doubts: list | None = None
) -> list[SphereMatch]:
    """The spheres a phrase lists: its parts joined by ";" or "oraz" each one sphere when it
    matches one closely, else a list of them separated by commas. A part that looks like a
    sphere without matching one for sure goes to ``doubts``, for the editor to check."""
    found = []
    for part in _COARSE_RE.split(phrase):
        part = part.strip(" ,;:–-")
        if len(part) < 4:
            continue
        number, score = index.best(part)
        if number is not None and score >= WHOLE_THRESHOLD:
            found.append(_match(number, part, score, source))
            continue
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        for match in match_spheres(pieces, index):
            number, score = index.best(match.text)
            if _sure(number, score, match.text):
                found.append(_match(number, match.text, score, source))
            elif doubts is not None and number is not None and score >= DOUBT_THRESHOLD:
                doubts.append(_match(number, match.text, score, source))
    return distinct(found)


def _match(number: str, text: str, score: float, source: str) -> SphereMatch:
    return SphereMatch(number=number, text=text, score=round(min(score, 1.0), 3), source=source)


def distinct(matches: list[SphereMatch]) -> list[SphereMatch]:
    """Each sphere once, where it was first found."""
    unique, seen = [], set()
    for match in matches:
        if match.number not in seen:
            unique.append(match)
            seen.add(match.number)
    return unique


_TAIL_RE = re.compile(r"\s[–—-]\s+(?P<tail>[^–—\n]{4,})$")


def tail_spheres(line: str, index: SphereIndex, doubts: list | None = None) -> list[SphereMatch]:
    """What a meeting's line says after its last spaced dash ("…, ul. Dekerta 24 – ochrona i
    promocja zdrowia"), when it names spheres for sure."""
    tail = _TAIL_RE.search(line.strip())
    return phrase_spheres(tail["tail"], index, "line", doubts) if tail else []


def spheres_in_text(text: str, index: SphereIndex, doubts: list | None = None) -> list[SphereMatch]:
    """The spheres ``text`` names by the act's points ("art. 4 ust. 1 pkt 5, 5a i 9"), after
    words that introduce them ("w obszarze pomocy społecznej", "zajmujące się ekologią",
    "Adresaci: …"), or as a cell of a table row; [] when it names none for sure."""
    known = {sphere.number for sphere in index.spheres}
    text = _ACT_TITLE_RE.sub(" ", text)
    found: list[SphereMatch] = []
    for points in _POINTS_RE.finditer(text):
        for number in re.findall(r"\d{1,2}[a-z]{0,2}", points.group(1)):
            if number in known:
                found.append(_match(number, points.group(0), 1.0, "points"))
    # What introduces the points ("w sferach określonych w art. 4 …") names no sphere itself.
    text = _POINTS_RE.sub(".", re.sub(r"(?i)określon\w*\s+w\s+(?=art\.)", "", text))
    for cue in _CUE_RE.finditer(text):
        rest = text[cue.end() :]
        span = rest[: _SPAN_END_RE.search(rest).start()]
        if not span.strip() and text[: cue.end()].rstrip().endswith(":"):
            # "…działające w obszarach:" and the list below it, one sphere an item
            for item in rest.lstrip("\n").split("\n")[:MAX_LISTED]:
                if not item.strip() or find_date(item):
                    break
                found.extend(phrase_spheres(item.rstrip(" ,;."), index, doubts=doubts))
        else:
            found.extend(phrase_spheres(span, index, doubts=doubts))
    for line in text.split("\n"):
        cells = [cell.strip() for cell in _CELLS_RE.split(line) if cell.strip()]
        if len(cells) < 3:
            continue
        for cell in cells:
            number, score = index.best(cell)
            if _sure(number, score, cell):
                found.append(_match(number, cell, score, "table"))
    return distinct(found)
