"""The admin speaks Polish to editors, everywhere they go.

Every admin view an editor, a translator or a moderator may open (the URLs come from Django's
resolver, as in the permission matrix, with the same world of real objects) is requested in a
Polish session, and its text is searched for English: any interface string of Django, Wagtail,
wagtail-localize, django-filters or this project left in English (matched against their
catalogues' English messages, placeholders included), and any text with two or more English
function words. Content (titles of English pages, names of people) is the editors' own and is
not interface; the world's English content is marked with "EN " and the allow-list below names
the few proper names that read the same in both languages.
"""

from __future__ import annotations

import glob
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.test_permission_matrix import all_cases, expected_for, world  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SITE_PACKAGES = Path(polib.__file__).parent
ROLES = ("editor", "translator", "moderator")

# Proper names and codes that are the same in Polish (and English content the world makes).
ALLOWED = {
    "Wagtail",
    "English",  # the language's own name, in a list of languages
    "Spotkania",
    "Magiczny Kraków",
    "OK",
    "URL",
    "PDF",
    "CSV",
    "XLSX",
    "ID",
    "API",
    "Email",
    "E-mail",
    "Slug",
    "Token",
}
# What Wagtail 8.0.1 shows in English whatever the catalogues hold: labels it translates once
# before any language is active (the "Actions" menu's label, the workflow report's column),
# and the labels Django makes from the field names of its e-mail link form, which nothing
# marks for translation; and an empty value printed as Python's None (revision comparisons,
# the aging pages report). The snippet chooser's language filter, labelled the same way, is
# labelled by the plugin.
WAGTAIL_SHOWS_UNTRANSLATED = {"Actions", "Workflow", "Email address", "Body", "None"}
# Words that only English has (none is a Polish word).
ENGLISH_WORDS = frozenset(
    "the of and is are your you this with for not has have been will be an or it that there "
    "which from was were these those what when would should could can cannot all any more "
    "than into been being its our we they their".split()
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# A placeholder glued to letters ("%(n)snd"): an ordinal or a fragment, not words of its own.
GLUED = re.compile(rf"(?:{PLACEHOLDER.pattern})[A-Za-z]|[A-Za-z](?:{PLACEHOLDER.pattern})")
ATTRIBUTES = {"title", "aria-label", "aria-description", "placeholder", "alt"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Text(HTMLParser):
    """The text a person reads or hears: text nodes outside scripts, styles and hidden
    elements, and the attributes a screen reader or a tooltip says aloud; not what is marked
    as being in another language (a language's own name in a switcher, say)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, whether its text is left out)

    @property
    def skipping(self) -> bool:
        return any(skip for _tag, skip in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = (attributes.get("lang") or "pl").split("-")[0]
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        skip = tag in ("script", "style") or language != "pl" or hidden
        if tag not in VOID:
            self.open.append((tag, skip))
        if skip or self.skipping:
            return
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.pieces.append(value)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append(data)


def texts(html: str) -> list[str]:
    parser = Text()
    parser.feed(html)
    return [" ".join(piece.split()) for piece in parser.pieces if piece.strip()]


def _catalogues() -> list[str]:
    found = glob.glob(str(SITE_PACKAGES / "**/locale/en/LC_MESSAGES/django*.po"), recursive=True)
    found += glob.glob(str(ROOT / "*/locale/pl/LC_MESSAGES/django.po"))
    return sorted(found)


# English words that are Polish words too: a message whose words are all of these says nothing.
POLISH_TOO = frozenset({"by", "to", "do", "na", "no", "on", "od", "po", "za", "co", "nie", "tak"})


@cache
def polish_texts() -> frozenset:
    """Every Polish translation in the catalogues: a piece of text that is one is Polish."""
    found = glob.glob(str(SITE_PACKAGES / "**/locale/pl/LC_MESSAGES/django*.po"), recursive=True)
    found += glob.glob(str(ROOT / "*/locale/pl/LC_MESSAGES/django*.po"))
    texts = set()
    for path in found:
        for entry in polib.pofile(path):
            texts.update(" ".join(t.split()) for t in [entry.msgstr, *entry.msgstr_plural.values()])
    return frozenset(t for t in texts if t)


def _segments(message: str):
    """The pieces of a message that show as text of their own: split at its HTML tags."""
    for segment in re.split(r"<[^>]*>", " ".join(message.split())):
        segment = segment.strip()
        words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", segment))
        if segment in ALLOWED or not words or {w.lower() for w in words} <= POLISH_TOO:
            continue
        if GLUED.search(segment):
            continue
        if segment in polish_texts():
            continue
        if len(words) == 1 and len(words[0]) < 4 and not PLACEHOLDER.search(segment):
            continue
        yield segment


@cache
def english_messages() -> tuple[re.Pattern, ...]:
    """Every English interface message of the installed apps and of this project, each as a
    pattern that matches a whole piece of text, its placeholders standing for any value."""
    messages = {
        segment
        for path in _catalogues()
        for entry in polib.pofile(path)
        for message in (entry.msgid, entry.msgid_plural)
        if message
        for segment in _segments(message)
    }
    return tuple(
        re.compile("^" + r".{1,80}?".join(map(re.escape, PLACEHOLDER.split(message))) + "$")
        for message in sorted(messages)
    )


def english_in(piece: str) -> str | None:
    """Why ``piece`` reads as English, or None."""
    if (
        piece in ALLOWED
        or piece in WAGTAIL_SHOWS_UNTRANSLATED
        or piece.startswith("EN ")
        or not re.search(r"[A-Za-z]{3}", piece)
    ):
        return None
    words = {w.lower() for w in re.findall(r"\w+", piece)}
    if len(words & ENGLISH_WORDS) >= 2:
        return "English words"
    for pattern in english_messages():
        if pattern.match(piece):
            return f"English message {pattern.pattern!r}"
    return None


def content_in_other_languages() -> list[str]:
    """Names and titles of the translations editors made: content, not interface."""
    from wagtail.models import Page

    from meetings.models import Consultation, Organizer, Sphere, Venue

    texts = set()
    for model in (Sphere, Venue, Organizer, Consultation, Page):
        for obj in model.objects.exclude(locale__language_code="pl"):
            texts.update({str(obj), getattr(obj, "name", ""), getattr(obj, "title", "")})
            texts.add(getattr(obj, "display_name", ""))
    return sorted((t for t in texts if t), key=len, reverse=True)


def interface_text(response) -> str:
    """The HTML an admin view shows in the admin's language: a page of its own, or the HTML
    of a modal (JSON). A preview of a page in another language is that language's content."""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        return (data.get("html") or "") if isinstance(data, dict) else ""
    if "html" not in response["Content-Type"]:
        return ""
    content = response.content.decode()
    language = re.search(r"<html[^>]*\blang=\"([\w-]+)\"", content)
    return content if language is None or language.group(1) == "pl" else ""


def walk(world, role: str) -> tuple[dict, int]:  # noqa: F811
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="pl")
    client.force_login(world.users[role])
    content = content_in_other_languages()
    found: dict[str, list[str]] = {}
    pages = 0
    for case in all_cases(world, role, "GET", []):
        expect = expected_for(case.label, role, "GET")
        if expect is None or "allowed" not in expect.outcomes:
            continue
        response = client.get(case.path, follow=True)
        html = interface_text(response) if response.status_code == 200 else ""
        if not html:
            continue
        pages += 1
        for piece in texts(html):
            for text in content:
                piece = piece.replace(text, "")
            reason = english_in(piece.strip())
            if reason:
                found.setdefault(f"{case.label} [{case.path}]", []).append(f"{piece!r}: {reason}")
    return found, pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_admin_view_an_editor_opens_is_in_polish(world, role, monkeypatch):  # noqa: F811
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *args, **kw: None)

    found, pages = walk(world, role)

    assert pages > 60, f"only {pages} admin pages were read as {role}"
    report = "\n".join(f"{where}\n    " + "\n    ".join(what) for where, what in found.items())
    assert not found, f"English in {len(found)} of {pages} admin pages as {role}:\n{report}"


def test_the_detector_sees_english_and_leaves_polish_alone():
    assert english_in("1-3 of 3 strony")
    assert english_in("Password")
    assert english_in("The page could not be created due to validation errors")
    assert english_in("0 Images")
    assert english_in("Zaplanowane") is None
    assert english_in("Dodaj spotkanie") is None
    assert english_in("Sala Obrad") is None


@pytest.mark.django_db
def test_a_form_with_errors_says_so_in_polish(client, editor, index):
    """The banner and the field errors of a page that cannot be saved."""
    client.force_login(editor)
    url = f"/admin/pages/add/meetings/meetingannouncementpage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "lead": "",
            "organizer_links": inline_formset([], min=1),
            "meetings": inline_formset(
                [{"topic": "Spotkanie", "start": "2058-06-10 18:00", "end": "2058-06-10 17:00"}]
            ),
            "body": streamfield([]),
        }
    )

    response = client.post(url, data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "To pole jest wymagane." in html
    english = [piece for piece in texts(interface_text(response)) if english_in(piece)]
    assert not english, english


@pytest.mark.django_db
def test_the_translation_editors_publish_button_reads_in_polish(client, translator):
    """wagtail-localize's script appends the language's name to "Publish in "; its Polish,
    "Opublikuj w", made "Opublikuj wangielski"."""
    from django.urls import reverse

    client.force_login(translator)
    catalogue = client.get(
        reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="pl"
    ).content.decode()

    assert '"Publish in ": "Opublikuj wersj\\u0119: "' in catalogue
    assert '"segments translated": "segment\\u00f3w przet\\u0142umaczonych"' in catalogue
    assert '"Uses %s version": "U\\u017cywa wersji: %s"' in catalogue
