"""The meetings tab of the announcement editor in a real browser, as an editor uses it: the
sphere picker by keyboard, each meeting's bar, a meeting added with the previous one's place
and times, a meeting duplicated, and the draft saved with all of it."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.test_browser import SERIOUS, axe_sync, browser, screenshot, site, visit  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WARSAW = ZoneInfo("Europe/Warsaw")
SPHERES = re.compile("Sfery pożytku publicznego")
REFERENCE_SLUG = "spotkania-branzowe-dla-trzeciego-sektora-2026"


def sign_in(page, site, username, password, then):  # noqa: F811
    visit(page, site, f"/admin/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(f"**{then}")


EDITOR_PASSWORD = "haslo-redaktora"  # noqa: S105


def an_editor(django_user_model, username: str) -> str:
    """An editor ("Redaktorzy") who signs in with ``EDITOR_PASSWORD``."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password=EDITOR_PASSWORD)
    user.groups.add(Group.objects.get(name="Redaktorzy"))
    return username


def reference_announcement():
    from meetings.models import MeetingAnnouncementPage

    return MeetingAnnouncementPage.objects.get(slug=REFERENCE_SLUG, locale__language_code="pl")


def meeting(page, number):
    return page.locator("#id_meetings-FORMS > [data-inline-panel-child]").nth(number - 1)


def chosen(block) -> list[str]:
    return [t.split(".")[0] for t in block.locator(".sphere-picker__tag").all_inner_texts()]


def test_an_editor_fills_the_meetings_tab_by_keyboard_and_saves_it(
    browser,  # noqa: F811
    site,  # noqa: F811
    django_user_model,
):
    from meetings.models import MeetingAnnouncementPage

    editor = an_editor(django_user_model, "redaktorka")
    page_ = reference_announcement()
    edit = f"/admin/pages/{page_.pk}/edit/"

    def check(page):
        sign_in(page, site, editor, EDITOR_PASSWORD, edit)
        page.get_by_role("tab", name="Spotkania").click()

        first, second = meeting(page, 1), meeting(page, 2)
        assert (
            "2025-06-10 17:00–19:00"
            in first.locator("[data-panel-heading-text]").first.inner_text()
        )
        assert first.locator("select[data-sphere-picker]").is_hidden()

        # Spheres by keyboard: "5a" and Enter adds point 5a; "zdrow" finds the health sphere.
        search = second.get_by_role("combobox", name=SPHERES)
        search.click()
        search.fill("5a")
        options = second.get_by_role("listbox").get_by_role("option")
        assert options.first.inner_text().startswith("5a. ")
        search.press("Enter")
        search.fill("zdrow")
        assert any("ochrona i promocja zdrowia" in t for t in options.all_inner_texts())
        search.fill("")
        # Backspace in the empty field takes off the last chosen sphere (32).
        before = chosen(second)
        search.press("Backspace")
        search.press("Escape")
        after = chosen(second)
        assert "5a" in before and before[-1] == "32"
        assert after == before[:-1]

        # A meeting added takes the previous one's venue and times, a week later.
        page.get_by_role("button", name="Dodaj spotkanie").click()
        third = meeting(page, 3)
        assert third.locator('[name$="-start"]').input_value() == "2025-07-01 17:00"
        assert third.locator('[name$="-end"]').input_value() == "2025-07-01 19:00"
        venue = second.locator('input[name$="-venue"]').input_value()
        assert third.locator('input[name$="-venue"]').input_value() == venue
        assert "ul. Dekerta 24" in third.locator("[id$=-venue-title]").inner_text()
        third.locator('[name$="-topic"]').fill("Spotkanie dodane w edytorze")
        third_search = third.get_by_role("combobox", name=SPHERES)
        third_search.click()
        third_search.fill("1b")
        third_search.press("Enter")
        third_search.press("Escape")
        assert (
            "Spotkanie dodane w edytorze"
            in third.locator("[data-panel-heading-text]").first.inner_text()
        )

        # Duplicating the first meeting copies its topic, times and spheres.
        first.get_by_role("button", name="Duplikuj").click()
        fourth = meeting(page, 4)
        assert (
            fourth.locator('[name$="-topic"]').input_value()
            == first.locator('[name$="-topic"]').input_value()
        )
        assert chosen(fourth) == chosen(first)

        violations = axe_sync.Axe().run(page, context="#id_meetings-FORMS").response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in SERIOUS]
        assert not serious, serious
        screenshot(page, "admin-meetings-tab")

        page.get_by_role("button", name="Zapisz szkic").click()
        page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
        assert "została zaktualizowana" in page.locator(".messages").inner_text()

    browser.run(check)

    draft = MeetingAnnouncementPage.objects.get(pk=page_.pk).get_latest_revision_as_object()
    meetings = list(draft.meetings.all())
    assert len(meetings) == 4
    numbers = [sorted(s.number for s in m.spheres.all()) for m in meetings]
    assert "5a" in numbers[1] and "32" not in numbers[1]
    assert meetings[2].start == datetime(2025, 7, 1, 17, tzinfo=WARSAW)
    assert meetings[2].venue_id == meetings[1].venue_id
    assert numbers[2] == ["1b"]
    assert meetings[3].topic == meetings[0].topic
    assert numbers[3] == numbers[0]


def test_a_new_announcements_first_meeting_can_be_duplicated(
    browser,  # noqa: F811
    site,  # noqa: F811
    django_user_model,
):
    """A new announcement has no meeting until the editor adds one: its bar has the
    labelled "Duplikuj" button as every other meeting's."""
    from meetings.models import AnnouncementIndexPage

    editor = an_editor(django_user_model, "redaktor2")
    index = AnnouncementIndexPage.objects.get(locale__language_code="pl")
    add = f"/admin/pages/add/meetings/meetingannouncementpage/{index.pk}/"

    def check(page):
        sign_in(page, site, editor, EDITOR_PASSWORD, add)
        page.get_by_role("tab", name="Spotkania").click()
        page.get_by_role("button", name="Dodaj spotkanie", exact=True).click()
        first = meeting(page, 1)
        first.locator('[name$="-topic"]').fill("Pierwsze spotkanie nowego ogłoszenia")

        first.get_by_role("button", name="Duplikuj", exact=True).click()

        assert (
            meeting(page, 2).locator('[name$="-topic"]').input_value()
            == "Pierwsze spotkanie nowego ogłoszenia"
        )

    browser.run(check)


def test_autosave_keeps_what_the_editor_mends_after_a_refused_save(
    browser,  # noqa: F811
    site,  # noqa: F811
    django_user_model,
):
    """Wagtail renders a form refused with errors so that its unsaved-changes check never
    starts again: the sphere picked to mend the error was never autosaved
    (``meetings/admin/unsaved_after_refusal.js``)."""
    from meetings.models import MeetingAnnouncementPage

    editor = an_editor(django_user_model, "redaktor3")
    page_ = reference_announcement()
    edit = f"/admin/pages/{page_.pk}/edit/"

    def check(page):
        sign_in(page, site, editor, EDITOR_PASSWORD, edit)
        page.get_by_role("tab", name="Spotkania").click()
        page.get_by_role("button", name="Dodaj spotkanie", exact=True).click()
        meeting(page, 3).locator('[name$="-topic"]').fill("Spotkanie bez sfery")
        page.get_by_role("button", name="Zapisz szkic").click()
        page.wait_for_load_state()
        assert "błędów" in page.locator(".messages").inner_text()

        page.get_by_role("tab", name="Spotkania").click()
        # As an editor reads the errors first (the form's autosave right after the refusal
        # has been answered by then).
        page.wait_for_timeout(3000)
        search = meeting(page, 3).get_by_role("combobox", name=SPHERES)
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith(edit) and r.ok,
            timeout=20_000,
        ):
            search.click()
            search.fill("5a")
            search.press("Enter")
            search.press("Escape")

    browser.run(check)

    draft = MeetingAnnouncementPage.objects.get(pk=page_.pk).get_latest_revision_as_object()
    added = [m for m in draft.meetings.all() if m.topic == "Spotkanie bez sfery"]
    assert [[s.number for s in m.spheres.all()] for m in added] == [["5a"]]
