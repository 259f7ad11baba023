"""Venues: street addresses, rooms and floors, and the known venue they point to."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .types import KnownVenue, VenueMatch
from .words import fold

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
            elif (words or kind == "Rynek") and _NUMBER_RE.match(word.removesuffix(".")):
                # "ul. Dekerta 24." at the end of a sentence
                number = word.removesuffix(".").replace("–", "-")
                end = token.end() - (len(word) - len(number))
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
    return tuple(fold(word)[:5] for word in street.name.split()), street.number.lower()


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


def find_venue(text: str, venues: Sequence[KnownVenue]) -> VenueMatch | None:
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
    return tuple(fold(word)[:5] for word in room.split())


def _known_venue(
    street: _Street, room: str, floor: str, venues: Sequence[KnownVenue]
) -> int | None:
    """The known venue at the same address whose room and floor do not contradict the text."""
    key = (tuple(fold(word)[:5] for word in street.name.split()), street.number.lower())
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
