"""Words: folding, stems and stopwords, so that names match in any grammatical form.

Each word is first reduced to its dictionary form by simplemma's Polish dictionary
(``meetings.search.word_lemma``), so that irregular forms meet ("dzieci" and "dziecka" are both
"dziecko"); its stem then lets derived words meet ("społeczny", "społeczeństwo"); rapidfuzz
lets a word written with a typo or shortened meet its form.
"""

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from meetings.search import word_lemma

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a albo art do dla dn dnia ds i ich lub na nr o od oraz po pkt przy r rok roku rzecz "
    "sa sie takze tym ust w we z ze zl jak jego jej ktore ktorych ktorym mowa ramach "
    "sferze sferach sfera sfery zakresu zadan zadania".split()
)
_STEM_STOPWORDS = frozenset({"dzialal"})
_ENDINGS = sorted(
    (
        "osciami osciach osci osc iami iach ami ach ych ich ymi imi ego emu owie owi ow om "
        "iem em ek ej ie ia iu ii ij ji ja ym im y a e i o u"
    ).split(),
    key=len,
    reverse=True,
)


def fold(text: str) -> str:
    """Lower case without diacritics: editors type "wspolpracy" as often as "współpracy"."""
    text = text.lower().replace("ł", "l")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:6]


_WORDS_RE = re.compile(r"[^\W\d_]+|\d+")


def stems_of(text: str) -> list[str]:
    """The content words of ``text`` as stems of their dictionary forms, in order, numbers and
    stopwords left out."""
    stems = []
    for word in _WORDS_RE.findall(text.lower()):
        folded = fold(word)
        if folded in _STOPWORDS or folded.isdigit():
            continue
        stem = _stem(fold(word_lemma(word, "pl")))
        if stem not in _STEM_STOPWORDS:
            stems.append(stem)
    return stems


def stems_match(one: str, other: str) -> bool:
    """Polish inflection changes endings, so a stem may be the start of another's form; a
    stem one letter off another of five letters or more is the same word mistyped."""
    if one == other:
        return True
    if min(len(one), len(other)) < 4:
        return False
    if one.startswith(other) or other.startswith(one):
        return True
    return min(len(one), len(other)) >= 5 and Levenshtein.distance(one, other) <= 1
