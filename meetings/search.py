"""Search that understands inflection: words reduced to their dictionary forms (lemmas).

Polish changes a word's ending with its case ("zdrowie", "zdrowia", "zdrowiu"), so an index of
the words as written misses most searches. Each announcement keeps, beside its own fields, one
more indexed field of lemmas (its text, its meetings' topics, venues, organisers and spheres),
made by simplemma's dictionary for the page's language; a query is reduced the same way, so
both sides meet on "zdrowie" whatever the form. Wagtail's database backend (SQLite FTS5 or
PostgreSQL) indexes that field; docs/search.md says how a larger site uses OpenSearch's Polish
analyser instead.
"""

import contextlib
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version

from django.conf import settings
from django.core.cache import cache as shared
from django.utils.html import strip_tags

WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _lemmatizer():
    """simplemma with its frugal dictionary: a few seconds and some 50 MB, once per process,
    on first use (the default loads Polish into some 400 MB)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.stream_dictionary_factory import (
        StreamDictionaryFactory,
    )

    return Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=StreamDictionaryFactory())
    )


@cache
def _supported(language: str) -> bool:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return language in SUPPORTED_LANGUAGES


@cache
def word_lemma(word: str, language: str) -> str:
    """The dictionary form of one word, lower case; the word itself where simplemma has no
    dictionary for the language."""
    language = (language or settings.LANGUAGE_CODE).split("-")[0]
    if not _supported(language):
        return word.lower()
    return _lemmatizer().lemmatize(word, lang=language).lower()


def lemmas(text: str, language: str) -> list[str]:
    """The dictionary forms of ``text``'s words, lower case, in order, each once. A language
    simplemma has no dictionary for keeps its words as written."""
    language = (language or settings.LANGUAGE_CODE).split("-")[0]
    words = [word.lower() for word in WORD.findall(text or "")]
    if _supported(language):
        lemmatize = _lemmatizer().lemmatize
        words = [lemmatize(word, lang=language).lower() for word in words]
    return list(dict.fromkeys(words))


# A text's lemmas change only with simplemma's dictionary: kept a month, under its version.
KEPT_LEMMAS_SECONDS = 30 * 24 * 3600


@cache
def _dictionary_version() -> str:
    return version("simplemma")  # reads the package's metadata: once per process


def lemmas_key(text: str, language: str) -> str:
    """Where ``kept_lemmas`` keeps the lemmas of ``text`` in ``language``."""
    digest = hashlib.sha256(f"{language}|{text}".encode()).hexdigest()[:32]
    return f"meetings:lemmas:{_dictionary_version()}:{digest}"


def kept_lemmas(texts: list[tuple[str, str]]) -> list[list[str]]:
    """``lemmas(text, language)`` of each (text, language), kept in the default cache: a
    page that shows the same texts' lemmas in every request (the schedule's spheres) then
    neither waits seconds for the dictionary in each new process nor reduces them again. On
    a cache that fails they are worked out here."""
    keys = [lemmas_key(text, language) for text, language in texts]
    try:
        found = shared.get_many(keys)
    except Exception:  # any backend's error: a miss
        found = {}
    missing = {
        key: lemmas(text, language)
        for key, (text, language) in zip(keys, texts, strict=True)
        if key not in found
    }
    if missing:
        with contextlib.suppress(Exception):  # any backend's error: kept another time
            shared.set_many(missing, timeout=KEPT_LEMMAS_SECONDS)
    return [found[key] if key in found else missing[key] for key in keys]


def query_lemmas(query: str, language: str) -> list[str]:
    """The query's lemmas that can narrow a search: no one-letter words ("i", "w", "a")."""
    return [word for word in lemmas(query, language) if len(word) > 1 or word.isdigit()]


def _lemmas_of(parts: Iterable[str], language: str) -> list[str]:
    return lemmas(" ".join(strip_tags(part or "") for part in parts), language)


def lemma_text(parts: Iterable[str], language: str) -> str:
    """The indexed form of ``parts`` (plain text or HTML)."""
    return " ".join(_lemmas_of(parts, language))


def matches(words: list[str], parts: Iterable[str], language: str) -> bool:
    """Whether every query lemma in ``words`` is among the lemmas of ``parts``."""
    found = set(_lemmas_of(parts, language))
    return bool(words) and all(word in found for word in words)


def venue_words(venue) -> list[str]:
    """What a search finds a venue by."""
    return [venue.name, venue.street_address, venue.city, venue.room] if venue else []
