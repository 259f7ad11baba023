"""Who sees which meetings in the admin: the meetings overview, its exports and the dashboard.

Everyone sees the meetings of public announcements; besides, each user sees the meetings of
the announcements Wagtail lets them edit. A translator edits only the English tree, so Polish
drafts, pages under a view restriction and the unpublished title of a live page stay hidden.
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction, Workflow

from tests.factories import announcement, meeting, warsaw
from tests.test_meetings_overview import (
    build_announcements,
    in_polish,
    language_tags,
    queries_for,
)
from tests.test_translation import translate_tree

OVERVIEW = "meetings_overview"
DASHBOARD = "wagtailadmin_home"

# Titles and topics that only those who may edit their announcements may read.
SECRETS = [
    "Szkic tajny",
    "Spotkanie ze szkicu",
    "Ogłoszenie zastrzeżone",
    "Spotkanie zastrzeżone",
    "Tytuł roboczy tajny",
]
PUBLIC_TOPICS = ["Spotkanie jawne", "EN Spotkanie jawne", "Spotkanie zmienionego"]
EVERY_TOPIC = [
    "Spotkanie jawne",
    "EN Spotkanie jawne",
    "Spotkanie ze szkicu",
    "EN Spotkanie ze szkicu",
    "Spotkanie zastrzeżone",
    "Spotkanie zmienionego",
]
# What each role sees: editors and moderators edit every page; a translator the English tree.
SEEN = {
    "editor": EVERY_TOPIC,
    "moderator": EVERY_TOPIC,
    "translator": [*PUBLIC_TOPICS, "EN Spotkanie ze szkicu"],
}
# The overview's rows, by date: one per meeting, in the first language (Polish, then English)
# the role may see it in, with the languages present and those marked missing for that role.
# Ukrainian is missing everywhere: nothing is translated into it.
EVERY_ROW = [
    ("Spotkanie jawne", (["PL", "EN"], ["UK"])),
    ("Spotkanie ze szkicu", (["PL", "EN"], ["UK"])),
    ("Spotkanie zastrzeżone", (["PL"], ["EN", "UK"])),
    ("Spotkanie zmienionego", (["PL"], ["EN", "UK"])),
]
ROWS = {
    "editor": EVERY_ROW,
    "moderator": EVERY_ROW,
    "translator": [
        ("Spotkanie jawne", (["PL", "EN"], ["UK"])),
        ("EN Spotkanie ze szkicu", (["EN"], ["PL", "UK"])),
        ("Spotkanie zmienionego", (["PL"], ["EN", "UK"])),
    ],
}


@pytest.fixture
def pages(index):
    """A public announcement and its translation; a Polish draft with an English draft; a page
    under a view restriction; a live page whose new title waits in a draft."""
    public = announcement(
        index,
        title="Ogłoszenie jawne",
        slug="jawne",
        meetings=[meeting(start=warsaw(2058, 6, 10), topic="Spotkanie jawne")],
    )
    public_en = translate_tree(public)
    draft = announcement(
        index,
        title="Szkic tajny",
        slug="szkic",
        publish=False,
        meetings=[meeting(start=warsaw(2058, 6, 11), topic="Spotkanie ze szkicu")],
    )
    draft_en = translate_tree(draft)
    draft_en.unpublish()
    restricted = announcement(
        index,
        title="Ogłoszenie zastrzeżone",
        slug="zastrzezone",
        meetings=[meeting(start=warsaw(2058, 6, 12), topic="Spotkanie zastrzeżone")],
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="haslo"
    )
    changed = announcement(
        index,
        title="Tytuł opublikowany",
        slug="zmieniony",
        meetings=[meeting(start=warsaw(2058, 6, 13), topic="Spotkanie zmienionego")],
    )
    changed.title = "Tytuł roboczy tajny"
    changed.save_revision()
    return {
        "public": public,
        "public_en": public_en,
        "draft": draft,
        "draft_en": draft_en,
        "restricted": restricted,
        "changed": changed,
    }


@pytest.fixture
def user(request, editor, moderator, translator):
    """The signed-in user of one role; ``user.role`` names it."""
    chosen = {"editor": editor, "moderator": moderator, "translator": translator}[request.param]
    chosen.role = request.param
    return chosen


def get(client, url_name, **params):
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return response


def exported(client, export_format) -> list[dict]:
    response = get(client, OVERVIEW, export=export_format)
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    else:
        rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    heading, *rows = rows
    return [dict(zip(heading, row, strict=True)) for row in rows]


def leaked(text: str) -> list[str]:
    """The secrets in ``text``, the English draft's own words ("EN …") aside."""
    return [secret for secret in SECRETS if re.search(f"(?<!EN ){re.escape(secret)}", text)]


def section(html: str, panel_id: str) -> str:
    return html.split(f'id="{panel_id}-section"')[1].split("</section>")[0]


def submit_for_moderation(*pages, user):
    workflow = Workflow.objects.get(name="Akceptacja moderatora")
    for page in pages:
        workflow.start(page, user)


@pytest.mark.django_db
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_the_overview_lists_the_meetings_each_role_may_see_once_each(client, pages, user):
    client.force_login(user)

    response = get(client, OVERVIEW)

    topics = [m.topic for m in response.context["object_list"]]
    assert topics == [topic for topic, _languages in ROWS[user.role]]


@pytest.mark.django_db
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_each_row_shows_only_the_languages_the_role_may_see(client, pages, user):
    client.force_login(user)

    html = get(client, OVERVIEW).content.decode()

    assert language_tags(html) == [languages for _topic, languages in ROWS[user.role]]


@pytest.mark.django_db
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_every_meeting_a_role_may_see_is_found_by_its_language(client, pages, user):
    client.force_login(user)

    english = get(client, OVERVIEW, locale="en").context["object_list"]
    polish = get(client, OVERVIEW, locale="pl").context["object_list"]

    assert [m.topic for m in english] == [
        topic for topic, (present, _missing) in ROWS[user.role] if "EN" in present
    ]
    assert [m.topic for m in polish] == [
        topic for topic, (present, _missing) in ROWS[user.role] if "PL" in present
    ]


@pytest.mark.django_db
def test_a_translator_reads_no_polish_draft_restricted_page_or_unpublished_title(
    client, pages, translator
):
    client.force_login(translator)

    html = get(client, OVERVIEW).content.decode()

    assert leaked(html) == []
    assert "Tytuł opublikowany" in html
    assert reverse("wagtailadmin_pages:edit", args=(pages["draft_en"].pk,)) in html
    assert reverse("wagtailadmin_pages:edit", args=(pages["public_en"].pk,)) in html
    assert reverse("wagtailadmin_pages:edit", args=(pages["changed"].pk,)) not in html
    assert reverse("wagtailadmin_pages:edit", args=(pages["public"].pk,)) not in html


@pytest.mark.django_db
def test_a_translator_cannot_find_a_meeting_by_a_title_waiting_in_a_draft(
    client, pages, translator
):
    client.force_login(translator)

    assert list(get(client, OVERVIEW, q="roboczy").context["object_list"]) == []
    assert [m.topic for m in get(client, OVERVIEW, q="opublikowany").context["object_list"]] == [
        "Spotkanie zmienionego"
    ]


@pytest.mark.django_db
def test_an_editor_still_reads_the_title_waiting_in_a_draft(client, pages, editor):
    client.force_login(editor)

    html = get(client, OVERVIEW).content.decode()

    assert "Tytuł roboczy tajny" in html
    assert "Szkic tajny" in html


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_the_export_holds_the_meetings_each_role_may_see(client, pages, user, export_format):
    client.force_login(user)

    rows = exported(client, export_format)

    cells = [str(cell) for row in rows for cell in row.values() if cell]
    topics = [row[in_polish("Topic")] for row in rows]
    assert topics == [topic for topic, _languages in ROWS[user.role]]
    assert [row[in_polish("Languages")] for row in rows] == [
        ", ".join(present) for _topic, (present, _missing) in ROWS[user.role]
    ]
    if user.role == "translator":
        assert leaked("\n".join(cells)) == []
        assert "Tytuł opublikowany" in cells


@pytest.mark.django_db
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_the_upcoming_meetings_panel_shows_what_each_role_may_see(client, pages, user):
    client.force_login(user)

    panel = section(get(client, DASHBOARD).content.decode(), "upcoming-meetings")

    polish = [topic for topic in SEEN[user.role] if not topic.startswith("EN ")]
    assert [topic for topic in EVERY_TOPIC if f">{topic}<" in panel] == polish
    if user.role == "translator":
        assert leaked(panel) == []
        assert "Tytuł opublikowany" in panel
        assert reverse("wagtailadmin_pages:edit", args=(pages["public"].pk,)) not in panel


@pytest.mark.django_db
@pytest.mark.parametrize("user", list(SEEN), indirect=True)
def test_the_moderation_panel_shows_what_each_role_may_see(client, pages, user, editor):
    submit_for_moderation(
        pages["draft"], pages["restricted"], pages["changed"], pages["draft_en"], user=editor
    )
    client.force_login(user)

    panel = section(get(client, DASHBOARD).content.decode(), "announcements-awaiting-moderation")

    if user.role == "translator":
        assert "EN Szkic tajny" in panel
        assert "Tytuł opublikowany" in panel
        assert leaked(panel) == []
        assert reverse("wagtailadmin_pages:edit", args=(pages["draft"].pk,)) not in panel
    else:
        for title in ("Szkic tajny", "Ogłoszenie zastrzeżone", "Tytuł roboczy tajny"):
            assert title in panel


@pytest.mark.django_db
def test_a_translator_with_nothing_to_see_waiting_gets_no_moderation_panel(
    client, pages, translator, editor
):
    submit_for_moderation(pages["draft"], pages["restricted"], user=editor)
    client.force_login(translator)

    html = get(client, DASHBOARD).content.decode()

    assert "announcements-awaiting-moderation" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name,params",
    [(OVERVIEW, {}), (OVERVIEW, {"q": "Ogłoszenie"}), (DASHBOARD, {})],
)
def test_a_translators_view_takes_the_same_queries_however_many_meetings(
    client, index, pages, translator, url_name, params
):
    client.force_login(translator)
    build_announcements(index, 3)
    queries_for(client, reverse(url_name), **params)
    few = queries_for(client, reverse(url_name), **params)

    build_announcements(index, 24, offset=3)

    assert queries_for(client, reverse(url_name), **params) == few


@pytest.mark.django_db
def test_a_translators_export_takes_the_same_queries_however_many_meetings(
    client, index, pages, translator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(translator)

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            b"".join(get(client, OVERVIEW, export="csv").streaming_content)
        return len(queries)

    build_announcements(index, 3)
    export_queries()
    few = export_queries()
    build_announcements(index, 12, offset=3)

    assert export_queries() == few
