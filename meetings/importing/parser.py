"""Reading a pasted announcement of consultation meetings into structured data.

Departments write these announcements in a word processor, each in its own habits: dates in
words or digits, lists of spheres in the act's genitive or as headings, one sentence for the
venue of all meetings or a venue per meeting. Editors paste the text and expect a draft, so
the parser reads what it can, says what it could not as ``Problem`` objects, and never guesses
silently. It is pure: the known spheres, venues and organisers come in as plain values, so the
admin view, the management command and the tests share it without a database.
"""

import codecs
import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext, gettext_noop

from meetings.formatting import MONTHS_GENITIVE_PL, MONTHS_NOMINATIVE_PL, format_date

__all__ = [
    "MAX_TEXT_LENGTH",
    "MESSAGES",
    "ImportTextError",
    "KnownOrganizer",
    "KnownSphere",
    "KnownVenue",
    "ParsedAnnouncement",
    "ParsedMeeting",
    "Problem",
    "SphereMatch",
    "VenueMatch",
    "parse_announcement",
    "read_text",
]

WARSAW = ZoneInfo("Europe/Warsaw")
MAX_TEXT_LENGTH = 100_000  # characters
TITLE_MAX_LENGTH = 255  # Wagtail's page title
LEAD_MAX_LENGTH = 1000  # MeetingAnnouncementPage.lead
TOPIC_MAX_LENGTH = 500  # Meeting.topic

# A bullet scoring below this is reported rather than matched to the nearest sphere.
SPHERE_THRESHOLD = 0.55
# How much better a merged bullet must match than its parts to be read as one sphere.
MERGE_MARGIN = 0.05
# The act's longest point is under 250 characters: a sphere never spans more than this.
MERGE_MAX_PARTS = 4
MERGE_MAX_LENGTH = 400


# --- What the parser is given and what it returns -------------------------------------------


@dataclass(frozen=True)
class KnownSphere:
    number: str
    name: str
    display_name: str


@dataclass(frozen=True)
class KnownVenue:
    id: int
    name: str
    street_address: str
    room: str
    floor: str


@dataclass(frozen=True)
class KnownOrganizer:
    id: int
    name: str


@dataclass
class Problem:
    code: str
    message: str
    meeting: int | None = None
    severity: str = "error"


@dataclass
class SphereMatch:
    number: str | None
    text: str
    score: float


@dataclass
class VenueMatch:
    text: str
    venue_id: int | None
    name: str
    street_address: str
    room: str
    floor: str


@dataclass
class ParsedMeeting:
    start: datetime | None
    end: datetime | None
    date_text: str
    weekday: str | None
    spheres: list[SphereMatch]
    venue: VenueMatch | None
    topic: str
    online: bool
    online_url: str


@dataclass
class ParsedAnnouncement:
    title: str
    publication_date: date | None
    lead: str
    body_html: str
    meetings: list[ParsedMeeting]
    organizers: list[int]
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


class ImportTextError(ValueError):
    """Input that cannot be read as an announcement at all.

    ``str(error)`` is the message for the editor, in the active language.
    """


# --- Messages: every text an editor can see, in one place ------------------------------------

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
        "no_venue",
        "no_online_url",
        "no_topic",
    }
)


def message(code: str, **params) -> str:
    """The editor's message for ``code`` in the active language."""
    text = gettext(MESSAGES[code])
    return text % params if params else text


def _problem(code: str, meeting: int | None = None, **params) -> Problem:
    if meeting is not None:
        params["number"] = meeting + 1
    severity = "warning" if code in WARNINGS else "error"
    return Problem(code=code, message=message(code, **params), meeting=meeting, severity=severity)


# --- Reading raw input -----------------------------------------------------------------------

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_BREAKS = dict.fromkeys(map(ord, "\u2028\u2029\x0b\x0c\x85"), "\n")


def read_text(data: bytes | str) -> str:
    """Decode and tidy pasted or uploaded text, or say in Polish why it cannot be read."""
    if isinstance(data, bytes | bytearray):
        text = _decode(bytes(data))
    else:
        text = str(data)
        if "\x00" in text:
            raise ImportTextError(message("binary"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES).translate(_INVISIBLE).translate(_BREAKS)
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ImportTextError(
            message("too_long", length=_count(len(text)), limit=_count(MAX_TEXT_LENGTH))
        )
    if not text:
        raise ImportTextError(message("empty"))
    if _looks_binary(text):
        raise ImportTextError(message("binary"))
    return text


def _count(number: int) -> str:
    """Thousands separated by a space, as Polish writes them: 100 000."""
    return f"{number:,}".replace(",", "\u00a0")


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode": the only encoding in which NUL bytes are normal.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportTextError(message("undecodable")) from None
    if b"\x00" in data:
        raise ImportTextError(message("binary"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # What Polish Windows word processors save as "plain text".
        return data.decode("cp1250")
    except UnicodeDecodeError:
        raise ImportTextError(message("undecodable")) from None


def _looks_binary(text: str) -> bool:
    """Control characters in more than a few per cent of the text mean it is not prose."""
    sample = text[:20_000]
    odd = sum(
        1
        for char in sample
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cs", "Cn")
    )
    return odd > len(sample) * 0.05


# --- Words: folding, stems and stopwords -----------------------------------------------------

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


# Everyday words for what the act words differently: seniors are "osoby w wieku emerytalnym",
# sport is "kultura fizyczna".
_SYNONYMS = {"senior": ("emeryt",), "starsz": ("emeryt",), "sport": ("kultur", "fizycz")}


def _fold(text: str) -> str:
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


def _stems(text: str) -> list[str]:
    """The content words of ``text`` as stems, in order, numbers and stopwords left out."""
    stems = []
    for word in _WORD_RE.findall(_fold(text)):
        if word in _STOPWORDS or any(char.isdigit() for char in word):
            continue
        stem = _stem(word)
        if stem not in _STEM_STOPWORDS:
            stems.append(stem)
    return stems


def _stems_match(one: str, other: str) -> bool:
    """Polish inflection changes endings, so a stem may be the start of another's form."""
    if one == other:
        return True
    if min(len(one), len(other)) < 4:
        return False
    return one.startswith(other) or other.startswith(one)


# --- Plain text and rich text from light markdown --------------------------------------------

_INLINE_RE = re.compile(
    r"\[(?P<link_text>[^\[\]\n]{1,500})\]\((?P<link_url>[^()\s]{1,2000})\)"
    r"|(?P<url>https?://[^\s<>()\[\]\"]{1,2000})"
    r"|\*\*(?P<bold>[^*\n]{1,1000})\*\*"
    r"|__(?P<bold2>[^_\n]{1,1000})__"
    r"|(?<![\w*])\*(?P<italic>[^*\s][^*\n]{0,1000})(?<!\s)\*(?![\w*])"
    r"|(?<![\w_])_(?P<italic2>[^_\s][^_\n]{0,1000})(?<!\s)_(?![\w_])"
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_TRAILING_URL_PUNCTUATION = ".,;:!?»”'\""


def _split_url(url: str) -> tuple[str, str]:
    """A bare URL at the end of a sentence does not own the full stop after it."""
    stripped = url.rstrip(_TRAILING_URL_PUNCTUATION)
    return stripped, url[len(stripped) :]


def _plain(text: str) -> str:
    """Text without markdown markers, links reduced to their text, whitespace collapsed."""

    def replace(match: re.Match) -> str:
        groups = match.groupdict()
        if groups["link_text"] is not None:
            return groups["link_text"]
        if groups["url"] is not None:
            return match.group(0)
        for name in ("bold", "bold2", "italic", "italic2"):
            if groups[name] is not None:
                return groups[name]
        return match.group(0)

    text = _INLINE_RE.sub(replace, text)
    text = text.replace("**", "")
    return " ".join(text.split())


def _inline_html(text: str) -> str:
    """Wagtail rich text for one paragraph: escaped text, <b>, <i> and safe links only."""
    parts = []
    position = 0
    for match in _INLINE_RE.finditer(text):
        parts.append(html.escape(text[position : match.start()].replace("**", ""), quote=False))
        position = match.end()
        groups = match.groupdict()
        if groups["link_text"] is not None:
            label = _plain(groups["link_text"])
            url = groups["link_url"]
            if url.lower().startswith(_SAFE_SCHEMES):
                parts.append(f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>')
            else:
                parts.append(html.escape(label, quote=False))
        elif groups["url"] is not None:
            url, rest = _split_url(groups["url"])
            parts.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
            parts.append(html.escape(rest, quote=False))
        elif groups["bold"] is not None or groups["bold2"] is not None:
            parts.append(f"<b>{_inline_html(groups['bold'] or groups['bold2'])}</b>")
        else:
            parts.append(f"<i>{_inline_html(groups['italic'] or groups['italic2'])}</i>")
    parts.append(html.escape(text[position:].replace("**", ""), quote=False))
    return " ".join("".join(parts).split())


# --- Dates, weekdays and times ---------------------------------------------------------------

_MONTHS = {
    _fold(month): number
    for months in (MONTHS_GENITIVE_PL, MONTHS_NOMINATIVE_PL)
    for number, month in enumerate(months, start=1)
}
_MONTH_WORDS = sorted({*_MONTHS, *MONTHS_GENITIVE_PL, *MONTHS_NOMINATIVE_PL}, key=len, reverse=True)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN.update({"X": 10, "XI": 11, "XII": 12})
_YEAR_SUFFIX = r"(?:\s{0,3}(?:r\.|roku\b|rok\b))?"

_DATE_PATTERNS = [
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})\.?\s{1,3}(?P<month>(?i:" + "|".join(_MONTH_WORDS) + r"))\b"
        r"(?:\s{0,3}(?P<year>\d{4})\b)?" + _YEAR_SUFFIX
    ),
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})\b"
        + _YEAR_SUFFIX
    ),
    re.compile(r"(?<![\d.])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})[.\s]\s{0,2}(?P<month>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
        r"[.\s]\s{0,2}(?P<year>\d{4})\b" + _YEAR_SUFFIX
    ),
]

_WEEKDAY_FORMS = {
    "poniedzialek": 0,
    "pon": 0,
    "pn": 0,
    "wtorek": 1,
    "wt": 1,
    "sroda": 2,
    "srode": 2,
    "sr": 2,
    "czwartek": 3,
    "czw": 3,
    "cz": 3,
    "piatek": 4,
    "pt": 4,
    "pia": 4,
    "sobota": 5,
    "sobote": 5,
    "sob": 5,
    "sb": 5,
    "niedziela": 6,
    "niedziele": 6,
    "niedz": 6,
    "ndz": 6,
    "nd": 6,
}
_WEEKDAY_WORD = (
    r"(?<!\w)(?P<weekday>(?i:poniedzia[lł]ek|wtorek|[sś]rod[aęe]|czwartek|pi[aą]tek|sobot[aęe]"
    r"|niedziel[aęe]|pon|pn|wt|[sś]r|czw|cz|pt|pi[aą]|sob|sb|niedz|ndz|nd))\b\.?"
)
_WEEKDAY_AFTER = re.compile(r"\s{0,3}[,(–-]?\s{0,3}\(?\s{0,2}" + _WEEKDAY_WORD + r"\)?")
_WEEKDAY_BEFORE = re.compile(
    r"(?:\bw[e]?\s)?" + _WEEKDAY_WORD + r"\s{0,3}[,–-]?\s{0,3}(?:(?i:dnia|w dniu|dn\.)\s{1,3})?$"
)

_HOUR = r"(?P<{h}>\d{{1,2}})(?:[:.](?P<{m}>\d{{2}}))?"
_TIME_KEYWORD = (
    r"(?P<keyword>(?i:(?:w\s)?godz(?:inach|inie|ina|\.)?|od(?:\sgodz(?:iny|\.)?)?|o\sgodz\.?)"
    r"\s{0,3})?"
)
_TIME_RANGE_RE = re.compile(
    _TIME_KEYWORD
    + r"(?<![\d:])"
    + _HOUR.format(h="h1", m="m1")
    + r"\s{0,3}(?:-|–|—|(?i:do)(?:\s(?i:godz(?:iny|\.)?))?)\s{0,3}"
    + _HOUR.format(h="h2", m="m2")
    + r"(?![\d:])"
)
_TIME_SINGLE_RE = re.compile(
    r"(?P<keyword>(?i:(?:o\s|w\s|od\s)?godz(?:inie|ina|\.)?|(?:o|od)\s(?=\d{1,2}[:.]\d{2})))"
    r"\s{0,3}(?<![\d:])" + _HOUR.format(h="h1", m="m1") + r"(?![\d:])"
)


@dataclass
class _DateHit:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None


@dataclass
class _TimeHit:
    start: int
    end: int
    text: str
    h1: int
    m1: int
    h2: int | None
    m2: int | None


@dataclass
class _When:
    """Where a meeting's date and time were written, and what they say."""

    date: _DateHit | None
    time: _TimeHit | None
    weekday: str | None
    weekday_index: int | None
    start: int
    end: int


def _find_date(text: str, start: int = 0) -> _DateHit | None:
    best = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text, start)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    month = best.group("month")
    if month.isdigit():
        month_number = int(month)
    elif month in _ROMAN:
        month_number = _ROMAN[month]
    else:
        month_number = _MONTHS[_fold(month)]
    year = best.group("year")
    return _DateHit(
        start=best.start(),
        end=best.end(),
        text=best.group(0).strip(),
        day=int(best.group("day")),
        month=month_number,
        year=int(year) if year else None,
    )


def _time_hit(match: re.Match, *, single: bool = False) -> _TimeHit | None:
    groups = match.groupdict()
    if not single and not (groups["keyword"] or groups["m1"] or groups["m2"]):
        return None  # "pkt 1-32" is not a time
    return _TimeHit(
        start=match.start(),
        end=match.end(),
        text=match.group(0).strip(),
        h1=int(groups["h1"]),
        m1=int(groups["m1"] or 0),
        h2=None if single else int(groups["h2"]),
        m2=None if single else int(groups["m2"] or 0),
    )


def _find_time(text: str, start: int = 0, end: int | None = None) -> _TimeHit | None:
    end = len(text) if end is None else min(end, len(text))
    for match in _TIME_RANGE_RE.finditer(text, start, end):
        hit = _time_hit(match)
        if hit:
            return hit
    match = _TIME_SINGLE_RE.search(text, start, end)
    return _time_hit(match, single=True) if match else None


def _find_when(text: str) -> _When | None:
    """The first date in ``text`` with its weekday and time, or a time alone."""
    hit = _find_date(text)
    if hit is None:
        time = _find_time(text, 0, 120)
        if time is None:
            return None
        return _When(None, time, None, None, time.start, time.end)
    start, end = hit.start, hit.end
    weekday = weekday_index = None
    after = _WEEKDAY_AFTER.match(text, hit.end)
    before = _WEEKDAY_BEFORE.search(text, max(0, hit.start - 30), hit.start)
    if after:
        weekday, end = after.group("weekday"), after.end()
    elif before:
        weekday, start = before.group("weekday"), before.start()
    if weekday:
        weekday_index = _WEEKDAY_FORMS.get(_fold(weekday).rstrip("."))
    time = _find_time(text, end, end + 150)
    if time is None:
        time = _find_time(text, max(0, start - 80), start)
    if time is not None:
        start, end = min(start, time.start), max(end, time.end)
    return _When(hit, time, weekday, weekday_index, start, end)


# --- Spheres -----------------------------------------------------------------------------------


class _SphereIndex:
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
            forms = [_stems(sphere.name), _stems(sphere.display_name)]
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
                known for known in candidates if known in self.weight and _stems_match(stem, known)
            )
        return self._expanded[stem]

    def best(self, text: str) -> tuple[str | None, float]:
        key = " ".join(text.split())
        if key not in self._scored:
            self._scored[key] = self._best(key)
        return self._scored[key]

    def _best(self, text: str) -> tuple[str | None, float]:
        stems = []
        for stem in _stems(text):
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


def _match_spheres(bullets: list[str], index: _SphereIndex) -> list[SphereMatch]:
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


def _inline_spheres(text: str) -> list[str]:
    """ "Sfery: kultury, sztuki…; turystyki i krajoznawstwa." written in the paragraph itself."""
    labels = list(_INLINE_SPHERES_RE.finditer(text))
    if not labels:
        return []
    rest = text[labels[-1].end() :].split("\n")[0].strip().rstrip(".").strip()
    if len(rest) < 4:
        return []
    return [part.strip() for part in rest.split(";") if part.strip()]


# --- Venues ---------------------------------------------------------------------------------

_STREET_KIND_RE = re.compile(
    r"(?<![\w.])(?P<kind>(?i:ul\.|ulicy|ulica|ulicą|al\.|alei|aleja|aleje|alejach|pl\.|placu"
    r"|plac|placem|os\.|osiedle|osiedlu|osiedlem)|Rynek|Rynku|Rynkiem)\s?"
)
_STREET_KINDS = {
    "ul.": "ul.",
    "ulicy": "ul.",
    "ulica": "ul.",
    "ulicą": "ul.",
    "al.": "al.",
    "alei": "al.",
    "aleja": "al.",
    "aleje": "al.",
    "alejach": "al.",
    "pl.": "pl.",
    "placu": "pl.",
    "plac": "pl.",
    "placem": "pl.",
    "os.": "os.",
    "osiedle": "os.",
    "osiedlu": "os.",
    "osiedlem": "os.",
    "rynek": "Rynek",
    "rynku": "Rynek",
    "rynkiem": "Rynek",
}
_TOKEN_RE = re.compile(r"[^\s,;()]+")
_NUMBER_RE = re.compile(r"^\d{1,4}[a-zA-Z]?(?:[-–/]\d{1,4}[a-zA-Z]?)?$")
_TITLE_ABBREVIATIONS = frozenset({"św.", "gen.", "ks.", "prof.", "dr", "bp.", "kard.", "płk."})
_FLOOR_RE = re.compile(
    r"(?<![\w.])(?P<number>[IVX]{1,4}|\d{1,2})\.?\s?"
    r"(?:piętr[oaze]{1,2}|pietr[oaze]{1,2}|p(?:\.|(?!\w)))(?!\w)"
    r"|(?<!\w)(?:piętro|piętrze)\s(?P<after>[IVX]{1,4}|\d{1,2})(?!\w)"
    r"|(?<!\w)(?P<ground>(?i:parter))"
)
_ROMAN_NUMERALS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_ROOM_HEADS = {
    "sala": "sala",
    "sali": "sala",
    "salę": "sala",
    "salka": "salka",
    "salce": "salka",
    "pokój": "pokój",
    "pokoju": "pokój",
    "pok.": "pokój",
    "aula": "aula",
    "auli": "aula",
}
_ROOM_WORDS = frozenset({"obrad", "posiedzeń", "narad", "spotkań"})
_FEMININE_HEADS = {
    "sali": "Sala",
    "sala": "Sala",
    "salce": "Salka",
    "siedzibie": "Siedziba",
    "siedziba": "Siedziba",
    "auli": "Aula",
    "świetlicy": "Świetlica",
    "bibliotece": "Biblioteka",
    "szkole": "Szkoła",
    "kawiarni": "Kawiarnia",
    "hali": "Hala",
    "galerii": "Galeria",
    "willi": "Willa",
}
_MASCULINE_HEADS = {
    "budynku": "Budynek",
    "gmachu": "Gmach",
    "lokalu": "Lokal",
    "pokoju": "Pokój",
    "klubie": "Klub",
    "domu": "Dom",
    "pałacu": "Pałac",
    "urzędzie": "Urząd",
    "ośrodku": "Ośrodek",
    "magistracie": "Magistrat",
}
_NEUTER_HEADS = {"centrum": "Centrum", "biurze": "Biuro", "muzeum": "Muzeum", "kinie": "Kino"}
_NAME_STOPS = frozenset({"w", "we", "przy", "na", "mieszczącej", "mieszczącym", "znajdującej"})
_PHRASE_STARTS = re.compile(
    r"(?i:odbęd(?:zie|ą)\s+się|odbywać\s+się\s+będ(?:zie|ą)|zostan(?:ie|ą)\s+przeprowadzone?)\s"
    r"|(?i:miejsce(?:\s+spotka(?:nia|ń))?|adres|lokalizacja|sala)\s?:\s?"
    r"|(?<!\bnr)(?<!\bpok)\.\s(?=[A-ZĄĆĘŁŃÓŚŹŻ])|[:;\n]\s?|,\s(?=(?:w|we|przy|na)\s)|\s[–—-]\s"
)


@dataclass
class _Street:
    kind: str
    name: str
    number: str
    start: int
    end: int

    @property
    def address(self) -> str:
        return " ".join(part for part in (self.kind, self.name, self.number) if part)


def _nominative_street_name(name: str) -> str:
    """ "przy ul. Reformackiej" names ul. Reformacka; "ul. Dekerta" keeps its genitive."""
    words = name.split()
    if len(words) != 1 or not words[0].endswith("ej") or len(words[0]) < 5:
        return name
    word = words[0]
    if word.endswith(("kiej", "giej")):
        return word[:-3] + "a"
    return word[:-2] + "a"


def _nominative_adjectives(name: str) -> str:
    """ "Rynku Podgórskim" is the locative of Rynek Podgórski."""
    words = name.split()
    out = []
    for word in words:
        if word.endswith(("skim", "ckim", "dzkim")):
            word = word[:-1]
        elif word.endswith("ym") and len(word) > 4:
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def _find_street(text: str, start: int = 0) -> _Street | None:
    for match in _STREET_KIND_RE.finditer(text, start):
        kind = _STREET_KINDS[match.group("kind").lower()]
        words: list[str] = []
        number = ""
        end = match.end()
        for token in _TOKEN_RE.finditer(text, match.end(), min(len(text), match.end() + 120)):
            if text[end : token.start()].strip():
                break  # a comma or a bracket ended the address
            word = token.group(0)
            if not words and word.isdigit() and len(word) <= 2:
                words.append(word)  # ul. 29 Listopada
            elif (words or kind == "Rynek") and _NUMBER_RE.match(word):
                number = word.replace("–", "-")
                end = token.end()
                break
            elif word[:1].isupper() or word in _TITLE_ABBREVIATIONS:
                words.append(word)
            else:
                break
            end = token.end()
            if len(words) > 5:
                break
        if not words and kind != "Rynek":
            continue
        name = " ".join(words)
        if kind == "Rynek":
            name = _nominative_adjectives(name)
        elif kind == "ul.":
            name = _nominative_street_name(name)
        return _Street(kind=kind, name=name, number=number, start=match.start(), end=end)
    return None


def _street_key(address: str) -> tuple[tuple[str, ...], str] | None:
    street = _find_street(address)
    if street is None:
        return None
    return tuple(_fold(word)[:5] for word in street.name.split()), street.number.lower()


def _floor(text: str) -> str:
    match = _FLOOR_RE.search(text)
    if match is None:
        return ""
    if match.group("ground"):
        return "parter"
    number = match.group("number") or match.group("after")
    if number.isdigit():
        value = int(number)
        if value == 0:
            return "parter"
        number = _ROMAN_NUMERALS[value] if value < len(_ROMAN_NUMERALS) else number
    return f"{number} piętro"


def _feminine_nominative(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("kiej", "giej")):
        return word[:-3] + "a"
    if lower.endswith("ej"):
        return word[:-2] + "a"
    if lower.endswith("ą"):
        return word[:-1] + "a"
    return word


def _room(text: str) -> str:
    """The room in nominative lower case ("sali konferencyjnej" → "sala konferencyjna")."""
    tokens = list(_TOKEN_RE.finditer(text))
    for position, token in enumerate(tokens):
        head = _ROOM_HEADS.get(token.group(0).lower())
        if head is None:
            continue
        words = [head]
        end = token.end()
        for following in tokens[position + 1 : position + 5]:
            word = following.group(0)
            lower = word.lower()
            if text[end : following.start()].strip():
                break
            if lower in ("nr", "nr.", "numer"):
                words.append("nr")
            elif lower in _ROOM_WORDS:
                words.append(lower)
            elif re.fullmatch(r"\d[\w./-]{0,8}|[A-Z]\d{0,3}|[IVX]{1,4}", word):
                words.append(word)
                end = following.end()
                break
            elif word.islower() and lower.endswith(("ej", "a", "ą")) and len(word) > 3:
                words.append(_feminine_nominative(lower) if head.startswith("sal") else lower)
            else:
                break
            end = following.end()
        return " ".join(words)
    return ""


def _venue_name(phrase: str, room: str, street: _Street) -> str:
    """A name for a new venue from the way the text introduces it, in the nominative."""
    words = phrase.split()
    if words and words[0].lower() in ("w", "we", "do"):
        words = words[1:]
    if words:
        head = words[0].lower().strip(",")
        if head in _FEMININE_HEADS or head in _MASCULINE_HEADS or head in _NEUTER_HEADS:
            name = [_FEMININE_HEADS.get(head) or _MASCULINE_HEADS.get(head) or _NEUTER_HEADS[head]]
            adjectives = True  # only the words agreeing with the head change their form
            for word in words[1:]:
                bare = word.strip(",;()")
                if (
                    not bare
                    or bare.lower() in _NAME_STOPS
                    or _STREET_KIND_RE.match(bare + " ")
                    or word.startswith("(")
                ):
                    break
                nominative = _locative_to_nominative(bare, head) if adjectives else bare
                adjectives = adjectives and nominative != bare
                name.append(nominative)
                if word.endswith((",", ";", ")")):
                    break
            return " ".join(name)
        if not _STREET_KIND_RE.match(phrase):
            plain = phrase.split(",")[0].strip()
            cut = _STREET_KIND_RE.search(plain)
            plain = plain[: cut.start()].strip() if cut else plain
            for stop in (" przy", " w lokalizacji", " mieszcz"):
                plain = plain.split(stop)[0]
            if plain and plain[0].isupper():
                return plain
    return f"{room[:1].upper()}{room[1:]}, {street.address}" if room else street.address


def _locative_to_nominative(word: str, head: str) -> str:
    """The adjective after a locative head: "(w) sali konferencyjnej" → "Sala konferencyjna"."""
    lower = word.lower()
    if head in _FEMININE_HEADS and lower.endswith("ej"):
        return _feminine_nominative(word)
    if head in _MASCULINE_HEADS and lower.endswith(("ym", "im")):
        return word[:-1]
    if head in _NEUTER_HEADS and lower.endswith("ym"):
        return word[:-2] + "e"
    if head in _NEUTER_HEADS and lower.endswith("im"):
        return word[:-2] + "ie"
    return word


_BRACKET_RE = re.compile(r"\s{0,2}\([^()\n]{1,80}\)")
_FLOOR_AFTER_RE = re.compile(
    r"\s{1,2}(?:na\s)?(?:(?:[IVX]{1,4}|\d{1,2})\.?\s?(?:piętrze|piętro|p\.)|parterze|parter)(?!\w)"
)
_SEGMENT_END_RE = re.compile(r"[,;\n]|\.\s+[A-ZĄĆĘŁŃÓŚŹŻ]|\.?$|\s[–—-]\s")
_ROOM_OR_FLOOR_RE = re.compile(
    r",\s{0,2}(?:na\s)?(?=(?i:sala|sali|salka|pok\.|pokój|pokoju|parter|piętro|wejście|budynek"
    r"|aula)(?!\w)|(?:[IVX]{1,4}|\d{1,2})\.?\s?(?:piętr|p\.))"
)


def _venue(text: str, venues: Sequence[KnownVenue]) -> VenueMatch | None:
    """The venue phrase around the first street address in ``text``."""
    street = _find_street(text)
    if street is None:
        return None
    phrase_start = 0
    for boundary in _PHRASE_STARTS.finditer(text, 0, street.start):
        phrase_start = boundary.end()
    phrase_end = street.end
    while phrase_end < len(text):
        rest = text[phrase_end:]
        bracket = _BRACKET_RE.match(rest) or _FLOOR_AFTER_RE.match(rest)
        if bracket:
            phrase_end += bracket.end()
            continue
        segment = _ROOM_OR_FLOOR_RE.match(rest)
        if segment:
            stop = _SEGMENT_END_RE.search(rest, segment.end())
            phrase_end += stop.start() if stop else len(rest)
            continue
        break
    phrase = " ".join(text[phrase_start:phrase_end].replace("**", "").split()).strip(" ,")
    room = _room(phrase)
    floor = _floor(phrase)
    return VenueMatch(
        text=phrase,
        venue_id=_known_venue(street, room, floor, venues),
        name=_venue_name(phrase, room, street),
        street_address=street.address,
        room=room,
        floor=floor,
    )


def _room_key(room: str) -> tuple[str, ...]:
    return tuple(_fold(word)[:5] for word in room.split())


def _known_venue(
    street: _Street, room: str, floor: str, venues: Sequence[KnownVenue]
) -> int | None:
    """The known venue at the same address whose room and floor do not contradict the text."""
    key = (tuple(_fold(word)[:5] for word in street.name.split()), street.number.lower())
    ranked = []
    for venue in venues:
        if _street_key(venue.street_address) != key:
            continue
        score = 0
        if room and venue.room:
            if _room_key(room) != _room_key(venue.room):
                continue
            score += 2
        known_floor = _floor(venue.floor) if venue.floor else ""
        if floor and known_floor:
            if floor != known_floor:
                continue
            score += 1
        ranked.append((score, -venue.id, venue.id))
    return max(ranked)[2] if ranked else None


# --- Online meetings, topics, organisers -----------------------------------------------------

_ONLINE_RE = re.compile(
    r"(?i:\bon-?\s?line\b|\bzdaln\w{0,5}|\bwideokonferencj\w{0,3}|\bMS\sTeams\b|\bTeams\b"
    r"|\bZoom\w{0,2}\b|\bGoogle\sMeet\b|\bClickMeeting\b|\bJitsi\b|\bWebex\b|\bhybrydow\w{0,3})"
)
_URL_RE = re.compile(r"https?://[^\s<>()\[\]\"]{1,2000}")
_REGISTRATION_RE = re.compile(r"(?i:rejestrac|zgłosze|zgłos|formularz|zapis)")
_TOPIC_RE = re.compile(
    r"(?<!\bna\s)(?i:\btemat(?:em|yka|yką)?\b)(?:\s(?i:spotkania|spotkań|obu\sspotkań|"
    r"konsultacji))?(?:\s(?i:będzie|będą|jest|są|będzie\sto))?\s{0,2}[:–-]?\s{0,2}"
    r"|(?i:\bspotkanie\s(?:będzie\s)?poświęcone\s(?:będzie\s)?)"
)
_SENTENCE_END_RE = re.compile(r"\.(?=\s+[A-ZĄĆĘŁŃÓŚŹŻ„\"]|\s*$)|\n|;\s")
_COMMA_BEFORE_PREPOSITION_RE = re.compile(r",\s+(?=(?:odnośnie|w sprawie|na temat|dotyczące)\b)")


def _online_url(text: str) -> str:
    for match in _URL_RE.finditer(text):
        if _REGISTRATION_RE.search(text, max(0, match.start() - 40), match.start()):
            continue
        return _split_url(match.group(0))[0]
    return ""


def _topic(text: str) -> str:
    match = _TOPIC_RE.search(text)
    if match is None:
        return ""
    rest = text[match.end() :]
    end = _SENTENCE_END_RE.search(rest)
    topic = _plain(rest[: end.start()] if end else rest)
    topic = _COMMA_BEFORE_PREPOSITION_RE.sub(" ", topic)
    topic = topic.strip(" .,:;–-\"„”“'")
    return f"{topic[:1].upper()}{topic[1:]}" if topic else ""


def _organizers(text: str, organizers: Sequence[KnownOrganizer]) -> list[int]:
    """Organisers whose every name word appears, in order, in any grammatical form."""
    stems = _stems(text)
    starts: dict[str, list[int]] = {}
    for position, stem in enumerate(stems):
        starts.setdefault(stem[:4], []).append(position)
    found = []
    for organizer in organizers:
        name = _stems(organizer.name)
        if not name:
            continue
        for position in starts.get(name[0][:4], []):
            window = stems[position : position + len(name)]
            if len(window) == len(name) and all(
                _stems_match(a, b) for a, b in zip(window, name, strict=True)
            ):
                found.append((position, organizer.id))
                break
    return [organizer_id for _position, organizer_id in sorted(found)]


# --- Blocks: paragraphs and bullets ----------------------------------------------------------

_BULLET_RE = re.compile(
    r"^(?:[•▪■●○◦·∙‣⁃\uf0a7\uf0b7\uf0d8\uf0fc➢►✓]\s*|[-–—*]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+"
    r"|\(\w{1,3}\)\s+)(?=\S)"
)
_LABEL_RE = re.compile(
    r"^(?i:(?:miejsce|adres|sala|lokalizacja|temat|tematyka|tematem|link|forma|platforma|sfery"
    r"|sfera|godzina|godziny|termin|spotkanie\s+(?:odbędzie|będzie|zostanie)|dołącz\w*)\b"
    r"|godz\.)"
)
_MEETING_HEADING_RE = re.compile(
    r"^(?i:(?:spotkanie|spotkania)\s+(?:nr\.?\s?)?[0-9IVX]{1,4}|[0-9IVX]{1,4}\.?\s+spotkanie"
    r"|(?:pierwsze|drugie|trzecie|czwarte|piąte|szóste)\s+spotkanie)\s{0,2}[:.]?$"
)
_PUBLICATION_PREFIX_RE = re.compile(
    r"^(?i:(?:data\s+publikacji|opublikowano|data|kraków|krakow)\s{0,3}[:,]?\s{0,3})?"
    r"(?i:dnia\s+|dn\.\s*)?$"
)
_HEADING_RE = re.compile(r"^#{1,6}\s*")
# "Tematem obu spotkań…", "Wszystkie spotkania odbędą się…" speak of every meeting.
_SHARED_RE = re.compile(
    r"(?i:\bob(?:a|u|ydwa|ydwu)\s+spotka|\bwszystki\w{0,2}\s+spotka|\bspotkań\b"
    r"|\bspotkania\s+odbęd)"
)
# The brand, also as the two halves a paste splits it into when it starts the text.
_BRAND = ("magiczny kraków", "magiczny kraków.", "magiczny", "kraków")
_SCHEDULE_LINK_RE = re.compile(r"^[→>»\-–\s]*harmonogram spotkań\s*[→»]?$")


@dataclass
class _Block:
    kind: str  # "text" or "bullet"
    lines: list[str]

    @property
    def text(self) -> str:
        return "".join(self.lines)


def _is_date_line(line: str) -> bool:
    hit = _find_date(line)
    if hit is None or hit.start > 40:
        return False
    rest = line[hit.end :].strip(" .")
    return not rest and bool(_PUBLICATION_PREFIX_RE.match(line[: hit.start]))


def _starts_block(line: str) -> bool:
    """A heading, a date line or a meeting's date begins a paragraph even without a blank line."""
    if _HEADING_RE.match(line):
        return True
    hit = _find_date(line[:80])
    return hit is not None and hit.start <= 40


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    after_blank = True
    previous = ""
    for number, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            after_blank = True
            if current is not None and current.kind == "text":
                current = None
            continue
        bullet = _BULLET_RE.match(line)
        if bullet and _meeting_line(line):
            line, bullet = line[bullet.end() :].strip(), None  # meetings listed as bullets
        if bullet:
            current = _Block("bullet", [line[bullet.end() :].strip()])
            blocks.append(current)
        elif (
            current is not None
            and current.kind == "bullet"
            and not after_blank
            and (raw[:1] in (" ", "\t") or line[:1].islower())
        ):
            current.lines.append(" " + line)
        elif (
            current is not None
            and current.kind == "text"
            and not after_blank
            and number > 0
            and not _starts_block(line)
            and not _HEADING_RE.match(current.lines[0])
        ):
            # Label lines ("Miejsce: …", "Temat: …") end their value at the end of the line.
            label = _LABEL_RE.match(line) or _LABEL_RE.match(previous) or previous.endswith(":")
            current.lines.append(("\n" if label else " ") + line)
        else:
            current = _Block("text", [line])
            blocks.append(current)
            if number == 0 or _is_date_line(line):
                current = None  # the title and a date line stand alone
        after_blank = False
        previous = line
    return blocks


def _meeting_line(line: str) -> bool:
    when = _find_when(line)
    return bool(when and when.date and when.time)


def _is_chrome(text: str) -> bool:
    """The city portal's brand and its schedule link are page furniture, not content."""
    plain = _plain(text).casefold()
    return plain in _BRAND or bool(_SCHEDULE_LINK_RE.match(plain))


# --- The announcement ------------------------------------------------------------------------


@dataclass
class _MeetingDraft:
    text: str
    when: _When
    bullets: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)


def parse_announcement(
    text: str | bytes,
    *,
    spheres: Sequence[KnownSphere],
    venues: Sequence[KnownVenue] = (),
    organizers: Sequence[KnownOrganizer] = (),
    today: date | None = None,
    max_meetings: int | None = None,
) -> ParsedAnnouncement:
    """Read an announcement; what could not be read is listed in ``problems``.

    A text with more than ``max_meetings`` meetings is refused as soon as they are counted,
    before each one's spheres and venue are matched.
    """
    text = read_text(text)
    today = today or datetime.now(WARSAW).date()
    problems: list[Problem] = []
    blocks = _blocks(text)

    title = ""
    publication_date: date | None = None
    lead = ""
    lead_seen = False
    body: list[str] = []
    prose: list[str] = []
    drafts: list[_MeetingDraft] = []
    current: _MeetingDraft | None = None
    collecting = False
    list_items: list[str] = []

    def flush_list() -> None:
        if list_items:
            items = "".join(f"<li>{_inline_html(item)}</li>" for item in list_items)
            body.append(f"<ul>{items}</ul>")
            list_items.clear()

    for position, block in enumerate(blocks):
        block_text = block.text
        if _is_chrome(block_text):
            continue
        if (
            not title
            and not lead_seen
            and not drafts
            and block.kind == "text"
            and not _is_date_line(block_text)
        ):
            title = _plain(_HEADING_RE.sub("", block_text))
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if block.kind == "bullet":
            if current is not None and collecting:
                current.bullets.append(block_text)
            else:
                list_items.append(block_text)
            continue
        flush_list()
        if (
            publication_date is None
            and not lead_seen
            and not drafts
            and position <= 4
            and _is_date_line(block_text)
        ):
            publication_date = _publication_date(block_text, problems)
            continue
        when = _meeting_when(block_text, following)
        if when is not None:
            current = _MeetingDraft(text=block_text, when=when)
            drafts.append(current)
            collecting = True
            if not lead_seen and when.date and when.date.start > 80:
                lead, lead_seen = _plain(block_text), True
            continue
        if (
            current is not None
            and _LABEL_RE.match(block_text)
            and not _SHARED_RE.search(block_text)
        ):
            current.attached.append(block_text)
            continue
        if _MEETING_HEADING_RE.match(_plain(block_text)):
            continue
        current, collecting = None, False
        if not lead_seen and not drafts:
            lead, lead_seen = _plain(block_text), True
            prose.append(block_text)
            continue
        prose.append(block_text)
        heading = _HEADING_RE.match(block_text)
        if heading:
            body.append(f"<p><b>{_inline_html(block_text[heading.end() :])}</b></p>")
        else:
            body.append(f"<p>{_inline_html(block_text)}</p>")
    flush_list()

    if not title:
        problems.append(_problem("no_title"))
    elif len(title) > TITLE_MAX_LENGTH:
        problems.append(_problem("title_too_long", length=len(title), limit=TITLE_MAX_LENGTH))
    if not lead:
        problems.append(_problem("no_lead"))
    elif len(lead) > LEAD_MAX_LENGTH:
        problems.append(_problem("lead_too_long", length=len(lead), limit=LEAD_MAX_LENGTH))

    too_many = max_meetings is not None and len(drafts) > max_meetings
    if too_many:
        problems.append(
            _problem("too_many_meetings", count=_count(len(drafts)), limit=_count(max_meetings))
        )
        drafts = []
    index = _SphereIndex(spheres)
    reference_day = publication_date or today
    meetings = [
        _meeting(number, draft, index, venues, prose, reference_day, problems)
        for number, draft in enumerate(drafts)
    ]
    if not meetings and not too_many:
        problems.append(_problem("no_meetings"))

    organizer_ids = _organizers("\n".join([title, lead, *prose]), organizers)
    if not organizer_ids:
        problems.append(_problem("no_organizer"))

    problems.sort(key=lambda problem: -1 if problem.meeting is None else problem.meeting)
    return ParsedAnnouncement(
        title=title,
        publication_date=publication_date,
        lead=lead,
        body_html="".join(body),
        meetings=meetings,
        organizers=organizer_ids,
        problems=problems,
    )


def _publication_date(line: str, problems: list[Problem]) -> date | None:
    hit = _find_date(line)
    if hit is None or hit.year is None:
        return None
    try:
        return date(hit.year, hit.month, hit.day)
    except ValueError:
        problems.append(_problem("invalid_publication_date", date=hit.text))
        return None


def _meeting_when(text: str, following: _Block | None) -> _When | None:
    """Whether a paragraph starts a meeting: a date with a time, or a date with its spheres."""
    flat = text.replace("\n", " ")
    when = _find_when(flat)
    if when is None:
        return None
    bullets_follow = following is not None and following.kind == "bullet"
    if when.date is None:
        return when if bullets_follow and when.time.start <= 80 else None
    if when.time is not None:
        return when
    if bullets_follow and (when.date.start <= 80 or "spotkan" in _fold(flat)):
        return when
    if when.date.start <= 40 and re.search(r"(?i:spotkani|odbędzie)", flat):
        return when
    return None


def _meeting(
    number: int,
    draft: _MeetingDraft,
    index: _SphereIndex,
    venues: Sequence[KnownVenue],
    shared: list[str],
    reference_day: date,
    problems: list[Problem],
) -> ParsedMeeting:
    flat = draft.text.replace("\n", " ")
    when = draft.when
    date_text = flat[when.start : when.end].strip(" ,")
    start, end = _meeting_times(number, draft, date_text, reference_day, problems)

    own_text = "\n".join([draft.text[when.end :], *draft.attached])

    spheres_text = draft.bullets or _inline_spheres(own_text)
    spheres = _match_spheres(spheres_text, index)
    for sphere in spheres:
        if sphere.number is None:
            problems.append(
                _problem(
                    "unmatched_sphere",
                    number,
                    date=date_text,
                    text=_plain(sphere.text).rstrip(";,."),
                )
            )
    if not spheres:
        problems.append(_problem("no_spheres", number, date=date_text))

    venue = _venue(own_text, venues)
    online_text = own_text if _ONLINE_RE.search(own_text) or _online_url(own_text) else ""
    topic = _topic(own_text)
    for paragraph in shared:
        says_where = re.search(r"(?i:odbęd|odbyw|miejsce|przeprowadzon)", paragraph)
        if venue is None and says_where:
            venue = _venue(paragraph, venues)
        if not online_text and says_where and _ONLINE_RE.search(paragraph):
            online_text = paragraph
        if not topic:
            topic = _topic(paragraph)
    online = bool(online_text)
    online_url = _online_url(online_text) if online else ""

    if venue is None and not online:
        problems.append(_problem("no_venue", number, date=date_text))
    if online and not online_url:
        problems.append(_problem("no_online_url", number, date=date_text))
    if not topic:
        problems.append(_problem("no_topic", number, date=date_text))
    elif len(topic) > TOPIC_MAX_LENGTH:
        problems.append(
            _problem(
                "topic_too_long", number, date=date_text, length=len(topic), limit=TOPIC_MAX_LENGTH
            )
        )
    return ParsedMeeting(
        start=start,
        end=end,
        date_text=date_text,
        weekday=when.weekday,
        spheres=spheres,
        venue=venue,
        topic=topic,
        online=online,
        online_url=online_url,
    )


def _meeting_times(
    number: int,
    draft: _MeetingDraft,
    date_text: str,
    reference_day: date,
    problems: list[Problem],
) -> tuple[datetime | None, datetime | None]:
    when = draft.when
    hit = when.date
    if hit is None:
        problems.append(_problem("no_date", number, text=_plain(draft.text)[:80]))
        return None, None
    year = hit.year
    if year is None:
        year = reference_day.year
        try:
            if date(year, hit.month, hit.day) < reference_day - timedelta(days=60):
                year += 1  # "12 stycznia" announced in December
        except ValueError:
            pass
        problems.append(_problem("assumed_year", number, date=hit.text, year=year))
    try:
        day = date(year, hit.month, hit.day)
    except ValueError:
        problems.append(_problem("invalid_date", number, date=hit.text))
        return None, None
    if when.weekday_index is not None and when.weekday_index != day.weekday():
        problems.append(
            _problem(
                "weekday_mismatch",
                number,
                written=when.weekday,
                date=hit.text,
                correct=format_date(day),
            )
        )
    time = when.time
    if time is None:
        for attached in draft.attached:
            time = _find_time(attached)
            if time:
                break
    if time is None:
        problems.append(_problem("no_time", number, date=date_text))
        return None, None
    start = _at(day, time.h1, time.m1)
    if start is None:
        problems.append(_problem("invalid_time", number, date=date_text, time=time.text))
        return None, None
    if time.h2 is None:
        problems.append(_problem("no_end_time", number, date=date_text))
        return start, None
    end = _at(day, time.h2, time.m2 or 0)
    if end is None:
        problems.append(_problem("invalid_time", number, date=date_text, time=time.text))
        return start, None
    if end <= start:
        problems.append(
            _problem(
                "end_before_start",
                number,
                date=date_text,
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
            )
        )
    return start, end


def _at(day: date, hour: int, minute: int) -> datetime | None:
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    if hour == 24:
        return datetime(day.year, day.month, day.day, tzinfo=WARSAW) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)
