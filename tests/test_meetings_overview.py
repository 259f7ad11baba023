"""The meetings overview in the admin and the dashboard's meeting panels."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy
from openpyxl import load_workbook
from wagtail.models import Workflow

from meetings.choices import AnnouncementState
from tests.factories import VenueFactory, announcement, meeting, spheres, warsaw
from tests.factories import english as english_locale
from tests.test_translation import translate_tree

OVERVIEW = "meetings_overview"


@pytest.fixture
def hall(db):
    return VenueFactory(name="Sala Obrad")


@pytest.fixture
def city(index, hall):
    """A live Polish announcement translated to English, and a Polish draft."""
    live = announcement(
        index,
        title="Spotkania branżowe czerwiec",
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("5", "15"), topic="Dzieci"),
            meeting(
                start=warsaw(2058, 6, 24),
                sphere_numbers=("16",),
                topic="Kultura",
                venue=hall,
                status="cancelled",
                status_note="Odwołane z powodu choroby.",
            ),
        ],
    )
    translate_tree(live)
    announcement(
        index,
        title="Spotkanie online lipiec",
        slug="spotkanie-online-lipiec",
        publish=False,
        meetings=[
            meeting(
                start=warsaw(2058, 7, 1),
                sphere_numbers=("7",),
                topic="Niepełnosprawność",
                attendance_mode="online",
                online_url="https://example.org/spotkanie",
                venue=None,
            )
        ],
    )
    return live


def overview(client, query="", **params):
    response = client.get(reverse(OVERVIEW) + query, params)
    assert response.status_code == 200
    return response


def topics(response) -> list[str]:
    return [m.topic for m in response.context["object_list"]]


def in_polish(msgid) -> str:
    """A heading as the Polish admin shows it, whether or not the catalogue translates it yet."""
    with translation.override("pl"):
        return translation.gettext(msgid) if isinstance(msgid, str) else str(msgid)


def language_tags(html: str) -> list[tuple[list[str], list[str]]]:
    """Per row, the languages shown as present and those marked as missing."""
    rows = re.findall(r'<ul class="meetings-overview__languages">(.*?)</ul>', html, re.S)
    return [
        (
            re.findall(r'w-status--primary"[^>]*><span aria-hidden="true">(\w+)</span>', row),
            re.findall(r'<s aria-hidden="true">(\w+)</s>', row),
        )
        for row in rows
    ]


def held() -> str:
    return capfirst(in_polish(pgettext_lazy("meeting status", "held")))


def meeting_statuses(html: str) -> list[str]:
    """The text of each row's meeting status tag."""
    cells = re.findall(r'<td class="meetings-overview__meeting-status">(.*?)</td>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


@pytest.mark.django_db
def test_the_overview_lists_each_meeting_once_draft_or_live(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client)

    assert topics(response) == ["Dzieci", "Kultura", "Niepełnosprawność"]
    locales = [m.locale.language_code for m in response.context["object_list"]]
    assert locales == ["pl", "pl", "pl"]


@pytest.mark.django_db
def test_each_row_shows_the_languages_of_its_meeting_and_marks_a_missing_one(
    client, admin_user, city
):
    client.force_login(admin_user)

    html = overview(client).content.decode()

    assert language_tags(html) == [
        (["PL", "EN"], ["UK"]),
        (["PL", "EN"], ["UK"]),
        (["PL"], ["EN", "UK"]),
    ]
    assert in_polish("%(language)s: missing") % {"language": "angielski"} in html


@pytest.mark.django_db
def test_a_language_tag_leads_to_the_editor_of_that_translation(client, admin_user, city):
    client.force_login(admin_user)
    english = city.get_translation(english_locale())

    html = overview(client).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=(english.pk,)) in html


@pytest.mark.django_db
def test_sphere_numbers_carry_their_names_for_hover_and_screen_readers(client, admin_user, city):
    client.force_login(admin_user)
    (health,) = spheres("5")

    html = overview(client).content.decode()

    assert f'<abbr title="{health.display_name}">5</abbr>' in html
    assert f'<span class="w-sr-only">. {health.display_name}</span>' in html


@pytest.mark.django_db
def test_a_draft_announcement_is_marked_with_wagtails_status_tag(client, admin_user, city):
    client.force_login(admin_user)

    html = overview(client).content.decode()

    tags = re.findall(r'<span class="(w-status[^"]*)">\s*([^<]+?)\s*</span>', html)
    assert (in_polish(AnnouncementState.DRAFT.label), "w-status") in [
        (label, classes) for classes, label in tags
    ]
    assert (in_polish(AnnouncementState.LIVE.label), "w-status w-status--primary") in [
        (label, classes) for classes, label in tags
    ]


@pytest.mark.django_db
def test_each_row_links_its_announcement_to_the_editor_and_a_live_one_to_the_site(
    client, admin_user, city
):
    client.force_login(admin_user)

    html = overview(client).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=(city.pk,)) in html
    assert city.get_url() in html
    assert "10 czerwca 2058 r. (poniedziałek)" in html
    assert "godz. 17:00–19:00" in html


@pytest.mark.django_db
def test_filter_by_date_range_includes_its_last_day(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, start_from="2058-06-11", start_to="2058-06-24")

    assert topics(response) == ["Kultura"]


@pytest.mark.django_db
def test_filter_by_a_polish_sphere(client, admin_user, city):
    client.force_login(admin_user)
    (culture,) = spheres("16")

    response = overview(client, sphere=culture.pk)

    assert topics(response) == ["Kultura"]


@pytest.mark.django_db
def test_filter_by_venue_matches_its_translation(client, admin_user, city, hall):
    client.force_login(admin_user)

    response = overview(client, venue=hall.pk)

    assert topics(response) == ["Kultura"]


@pytest.mark.django_db
def test_filter_by_meeting_status(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, status="cancelled")

    assert topics(response) == ["Kultura"]


@pytest.fixture
def last_year(index):
    """Meetings that are over: one held as planned, one cancelled, one postponed."""
    return announcement(
        index,
        title="Spotkania zeszłoroczne",
        slug="zeszloroczne",
        meetings=[
            meeting(start=warsaw(2020, 5, 4), topic="Odbyte"),
            meeting(
                start=warsaw(2020, 5, 5),
                topic="Odwołane",
                status="cancelled",
                status_note="Z powodu choroby.",
            ),
            meeting(
                start=warsaw(2020, 5, 6),
                topic="Przełożone",
                status="postponed",
                status_note="Nowy termin podamy wkrótce.",
            ),
        ],
    )


@pytest.mark.django_db
def test_a_meeting_that_is_over_shows_as_held_and_a_called_off_one_as_it_was(
    client, admin_user, last_year, city
):
    client.force_login(admin_user)

    html = overview(client).content.decode()

    assert meeting_statuses(html) == [
        held(),
        "Odwołane",
        "Przełożone",
        "Zaplanowane",
        "Odwołane",
        "Zaplanowane",
    ]
    assert 'class="w-status meetings-overview__status meetings-overview__status--held"' in html


@pytest.mark.django_db
def test_the_export_says_held_too(client, admin_user, last_year):
    client.force_login(admin_user)

    rows = exported_rows(client, "csv")

    assert [row[in_polish("Meeting status")] for row in rows] == [held(), "Odwołane", "Przełożone"]


@pytest.mark.django_db
def test_filter_by_held_and_by_planned_splits_at_the_end_of_the_meeting(
    client, admin_user, last_year, city
):
    client.force_login(admin_user)

    assert topics(overview(client, status="held")) == ["Odbyte"]
    assert topics(overview(client, status="planned")) == ["Dzieci", "Niepełnosprawność"]


@pytest.mark.django_db
def test_held_follows_the_products_clock(client, admin_user, city, monkeypatch):
    from meetings import publication

    monkeypatch.setattr(publication, "clock", lambda: warsaw(2058, 6, 20).timestamp())
    client.force_login(admin_user)

    html = overview(client).content.decode()

    assert meeting_statuses(html) == [held(), "Odwołane", "Zaplanowane"]


@pytest.mark.django_db
def test_filter_by_attendance_mode(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, attendance_mode="online")

    assert topics(response) == ["Niepełnosprawność"]


@pytest.mark.django_db
def test_filter_by_announcement_state(client, admin_user, city):
    client.force_login(admin_user)

    assert topics(overview(client, announcement_state="draft")) == ["Niepełnosprawność"]
    assert topics(overview(client, announcement_state="live")) == ["Dzieci", "Kultura"]


@pytest.mark.django_db
def test_filter_by_language_lists_the_meetings_translated_into_it_once_each(
    client, admin_user, city
):
    client.force_login(admin_user)

    english = overview(client, locale="en")
    polish = overview(client, locale="pl")

    assert topics(english) == ["Dzieci", "Kultura"]
    assert language_tags(english.content.decode()) == [
        (["PL", "EN"], ["UK"]),
        (["PL", "EN"], ["UK"]),
    ]
    assert topics(overview(client, locale="uk")) == []
    assert topics(polish) == ["Dzieci", "Kultura", "Niepełnosprawność"]


@pytest.mark.django_db
def test_announcement_states_follow_the_page(admin_user, index):
    from meetings import selectors

    def state_of(page):
        return selectors.admin_meetings().get(page=page).announcement_state

    live = announcement(index, title="Opublikowane", slug="opublikowane")
    changed = announcement(index, title="Ze zmianami", slug="ze-zmianami")
    changed.title = "Ze zmianami (poprawione)"
    changed.save_revision()
    scheduled = announcement(index, title="Zaplanowane", slug="zaplanowane", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save_revision().publish()
    expired = announcement(index, title="Wygasłe", slug="wygasle")
    expired.expire_at = timezone.now() - timedelta(hours=1)
    expired.save(update_fields=["expire_at"])
    draft = announcement(index, title="Szkic", slug="szkic", publish=False)
    submitted = announcement(index, title="W moderacji", slug="w-moderacji", publish=False)
    submitted.get_workflow().start(submitted, admin_user)
    resubmitted = announcement(index, title="Zmiany w moderacji", slug="zmiany")
    resubmitted.save_revision()
    resubmitted.get_workflow().start(resubmitted, admin_user)
    returned = announcement(index, title="Do poprawy", slug="do-poprawy", publish=False)
    returned.get_workflow().start(returned, admin_user)
    returned.current_workflow_task_state.reject(user=admin_user)

    assert state_of(live) == AnnouncementState.LIVE
    assert state_of(changed) == AnnouncementState.LIVE_WITH_DRAFT
    assert state_of(scheduled) == AnnouncementState.SCHEDULED
    assert state_of(expired) == AnnouncementState.EXPIRED
    assert state_of(draft) == AnnouncementState.DRAFT
    assert state_of(submitted) == AnnouncementState.IN_MODERATION
    assert state_of(resubmitted) == AnnouncementState.LIVE_WITH_CHANGES_IN_MODERATION
    assert AnnouncementState.LIVE_WITH_CHANGES_IN_MODERATION.is_published
    # Sent back to its editor: a draft again, until it is submitted anew.
    assert state_of(returned) == AnnouncementState.DRAFT


@pytest.mark.django_db
def test_search_finds_topics_and_announcement_titles(client, admin_user, city):
    client.force_login(admin_user)

    assert topics(overview(client, q="kultura")) == ["Kultura"]
    assert topics(overview(client, q="online lipiec")) == ["Niepełnosprawność"]


@pytest.mark.django_db
def test_search_finds_a_meeting_by_its_translation_in_its_one_row(client, admin_user, city):
    client.force_login(admin_user)

    assert topics(overview(client, q="EN Kultura")) == ["Kultura"]


@pytest.mark.django_db
def test_sorting_by_the_column_headers(client, admin_user, city):
    client.force_login(admin_user)

    latest_first = overview(client, ordering="-start")
    by_topic = overview(client, ordering="topic", locale="pl")
    by_title = overview(client, ordering="-announcement_title", locale="pl")

    assert topics(latest_first) == ["Niepełnosprawność", "Kultura", "Dzieci"]
    assert topics(by_topic) == ["Dzieci", "Kultura", "Niepełnosprawność"]
    assert topics(by_title) == ["Niepełnosprawność", "Dzieci", "Kultura"]
    assert "ordering=-start" in latest_first.content.decode()


@pytest.mark.django_db
def test_an_unknown_ordering_falls_back_to_the_date(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, ordering="page__owner__password")

    assert topics(response)[0] == "Dzieci"


@pytest.mark.django_db
def test_the_csv_export_has_headings_iso_times_spheres_and_languages(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, export="csv", locale="pl")

    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    heading, *rows = list(csv.reader(io.StringIO(text)))
    assert heading[:4] == [in_polish(msgid) for msgid in ("Start", "End", "Topic", "Announcement")]
    assert len(heading) == len(rows[0])
    record = [dict(zip(heading, row, strict=True)) for row in rows]
    start, end, topic, title, spheres_heading, url, state, languages = (
        in_polish(msgid)
        for msgid in (
            "Start",
            "End",
            "Topic",
            "Announcement",
            "Spheres",
            "Public page",
            "Announcement state",
            "Languages",
        )
    )
    health, children = spheres("5", "15")
    assert [r[topic] for r in record] == ["Dzieci", "Kultura", "Niepełnosprawność"]
    assert record[0][start] == "2058-06-10T17:00:00+02:00"
    assert record[0][end] == "2058-06-10T19:00:00+02:00"
    assert record[0][title] == "Spotkania branżowe czerwiec"
    assert record[0][spheres_heading] == f"5. {health.display_name}; 15. {children.display_name}"
    assert [r[languages] for r in record] == ["PL, EN", "PL, EN", "PL"]
    assert record[0][url] == city.get_full_url()
    assert record[2][url] == ""
    assert record[2][state] == in_polish(AnnouncementState.DRAFT.label)


@pytest.mark.django_db
def test_the_xlsx_export_is_a_workbook_with_the_same_rows(client, admin_user, city):
    client.force_login(admin_user)

    response = overview(client, export="xlsx", status="cancelled")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == tuple(in_polish(msgid) for msgid in ("Start", "End", "Topic"))
    assert [row[2] for row in rows[1:]] == ["Kultura"]
    assert rows[1][0] == "2058-06-24T17:00:00+02:00"


@pytest.mark.django_db
def test_the_overview_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse(OVERVIEW))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_a_user_who_may_not_edit_pages_is_turned_away(client, django_user_model):
    user = django_user_model.objects.create_user("czytelnik", password="haslo-czytelnika")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)

    response = client.get(reverse(OVERVIEW))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_an_editor_sees_the_overview_and_finds_it_in_the_menus(client, editor, city):
    client.force_login(editor)

    response = overview(client)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Niepełnosprawność" in response.content.decode()
    assert dashboard.count(f'"url": "{reverse(OVERVIEW)}"') == 2


@pytest.mark.django_db
def test_the_results_view_renders_the_table_alone(client, admin_user, city):
    client.force_login(admin_user)

    response = client.get(reverse("meetings_overview_results"), {"q": "Dzieci"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Dzieci" in html


@pytest.mark.django_db
def test_the_dashboard_shows_the_next_polish_meetings_with_drafts_marked(client, editor, city):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    panel = html.split('id="upcoming-meetings-section"')[1].split("</section>")[0]
    assert [t for t in ("Dzieci", "Kultura", "Niepełnosprawność") if t in panel] == [
        "Dzieci",
        "Kultura",
        "Niepełnosprawność",
    ]
    assert "EN Dzieci" not in panel
    assert in_polish(AnnouncementState.DRAFT.label) in panel
    assert reverse("wagtailadmin_pages:edit", args=(city.pk,)) in panel
    assert reverse(OVERVIEW) in panel


@pytest.mark.django_db
def test_the_dashboard_shows_an_announcement_waiting_for_moderation(client, editor, index):
    page = announcement(index, title="Czeka na akceptację", slug="czeka", publish=False)
    Workflow.objects.get(name="Akceptacja moderatora").start(page, editor)
    other = announcement(index, title="Nie wysłane", slug="nie-wyslane", publish=False)
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = html.split('id="announcements-awaiting-moderation-section"')[1].split("</section>")[0]
    assert "Czeka na akceptację" in panel
    assert "redaktorka" in panel
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in panel
    assert other.title not in panel
    # Its meetings, among the upcoming ones, say where it stands.
    upcoming = html.split('id="upcoming-meetings-section"')[1].split("</section>")[0]
    rows = upcoming.split("<tr>")[2:]
    assert ["W moderacji" in row for row in rows if "Czeka na akceptację" in row] == [True]
    assert ["Wersja robocza" in row for row in rows if other.title in row] == [True]


@pytest.mark.django_db
def test_nothing_waiting_means_no_moderation_panel(client, editor, city):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "announcements-awaiting-moderation" not in html


def build_announcements(index, count, *, offset=0):
    hall = VenueFactory()
    for number in range(offset, offset + count):
        page = announcement(
            index,
            title=f"Ogłoszenie {number}",
            slug=f"ogloszenie-{number}",
            publish=number % 2 == 0,
            meetings=[
                meeting(start=warsaw(2058, 6, 1) + timedelta(days=number), venue=hall),
            ],
        )
        if number % 3 == 0:
            Workflow.objects.get(name="Akceptacja moderatora").start(page, None)


def queries_for(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name,params",
    [
        (OVERVIEW, {}),
        (OVERVIEW, {"sphere": "15", "q": "Ogłoszenie", "announcement_state": "draft"}),
        ("wagtailadmin_home", {}),
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_meetings(
    client, editor, index, url_name, params
):
    # An editor: Wagtail's own "Awaiting your review" panel, shown to moderators, is not ours.
    client.force_login(editor)
    build_announcements(index, 3)
    if "sphere" in params:
        params = {**params, "sphere": spheres(params["sphere"])[0].pk}
    url = reverse(url_name)
    queries_for(client, url, **params)
    few = queries_for(client, url, **params)

    build_announcements(index, 27, offset=3)
    many = queries_for(client, url, **params)

    assert many == few


@pytest.mark.django_db
def test_the_export_uses_a_fixed_number_of_queries(client, admin_user, index):
    client.force_login(admin_user)
    build_announcements(index, 3)

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(OVERVIEW), {"export": "csv"})
            b"".join(response.streaming_content)
        return len(queries)

    export_queries()
    few = export_queries()
    build_announcements(index, 12, offset=3)

    assert export_queries() == few


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.fixture
def formulas(index):
    """Build, for one dangerous first character, an announcement whose every text starts with it."""

    def build(first):
        venue = VenueFactory(
            name=f'{first}HYPERLINK("https://example.org","Sala")', street_address=f"{first}1+1"
        )
        announcement(
            index,
            title=f"{first}cmd|' /C calc'!A0",
            slug="formuly",
            meetings=[meeting(start=warsaw(2058, 6, 10), topic=f"{first}SUM(1+1)", venue=venue)],
        )
        return {
            "Topic": f"{first}SUM(1+1)",
            "Announcement": f"{first}cmd|' /C calc'!A0",
            "Venue": f'{first}HYPERLINK("https://example.org","Sala")',
            "Address": f"{first}1+1",
        }

    return build


def exported_rows(client, export_format) -> list[dict]:
    response = overview(client, export=export_format, locale="pl")
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        heading, *rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    else:
        heading, *rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    return [dict(zip(heading, row, strict=True)) for row in rows]


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("first", FORMULA_STARTS, ids=repr)
def test_every_exported_text_that_could_start_a_formula_is_quoted(
    client, admin_user, formulas, export_format, first
):
    written = formulas(first)
    client.force_login(admin_user)

    (row,) = exported_rows(client, export_format)

    for msgid, value in written.items():
        quoted, exported = "'" + value, row[in_polish(msgid)]
        if export_format == "xlsx":
            # XML reads a carriage return written as such as a line feed; openpyxl writes it as
            # such or as a character reference, by whether lxml is installed.
            quoted, exported = quoted.replace("\r", "\n"), exported.replace("\r", "\n")
        assert exported == quoted
    assert not [
        cell for cell in row.values() if isinstance(cell, str) and cell[:1] in FORMULA_STARTS
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_leaves_times_and_sphere_numbers_as_they_are(
    client, admin_user, formulas, export_format
):
    formulas("-")
    client.force_login(admin_user)

    (row,) = exported_rows(client, export_format)

    assert row[in_polish("Start")] == "2058-06-10T17:00:00+02:00"
    assert row[in_polish("Spheres")] == str(spheres("15")[0])
    assert row[in_polish("Spheres")].startswith("15. ")


def test_numbers_and_dates_are_not_quoted_by_the_export():
    from meetings.reports import MeetingsOverviewView

    view = MeetingsOverviewView()
    moment = timezone.now()

    for export_format in ("csv", "xlsx"):
        assert view.preprocess_field_value("number", -5, export_format) == -5
        assert view.preprocess_field_value("text", "-5", export_format) == "'-5"
    assert view.preprocess_field_value("start", moment, "csv") == moment
    assert view.preprocess_field_value("start", moment.date(), "xlsx") == moment.date()
