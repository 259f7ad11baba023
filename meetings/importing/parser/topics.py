"""A meeting's topic, from the sentence that introduces it."""

import re

from .markup import plain_text

_TOPIC_RE = re.compile(
    r"(?<!\bna\s)(?i:\btemat(?:em|yka|yką)?\b)(?:\s(?i:spotkania|spotkań|obu\sspotkań|"
    r"konsultacji))?(?:\s(?i:będzie|będą|jest|są|będzie\sto))?\s{0,2}[:–-]?\s{0,2}"
    r"|(?i:\bspotkanie\s(?:będzie\s)?poświęcone\s(?:będzie\s)?)"
)
_SENTENCE_END_RE = re.compile(r"\.(?=\s+[A-ZĄĆĘŁŃÓŚŹŻ„\"]|\s*$)|\n|;\s")
_COMMA_BEFORE_PREPOSITION_RE = re.compile(r",\s+(?=(?:odnośnie|w sprawie|na temat|dotyczące)\b)")


def find_topic(text: str) -> str:
    match = _TOPIC_RE.search(text)
    if match is None:
        return ""
    rest = text[match.end() :]
    end = _SENTENCE_END_RE.search(rest)
    topic = plain_text(rest[: end.start()] if end else rest)
    topic = _COMMA_BEFORE_PREPOSITION_RE.sub(" ", topic)
    topic = topic.strip(" .,:;–-\"„”“'")
    return f"{topic[:1].upper()}{topic[1:]}" if topic else ""
