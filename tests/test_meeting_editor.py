"""The meetings tab of the announcement editor, as the server renders it."""

import re

import pytest

from meetings.models import Sphere
from tests.factories import VenueFactory, announcement, meeting, polish, warsaw


@pytest.fixture
def edit_html(admin_client, index):
    def render(**fields):
        venue = VenueFactory(
            name="Sala Obrad",
            street_address="pl. Wszystkich Świętych 3",
            room="sala 1",
            floor="I piętro",
        )
        page = announcement(
            index, meetings=[meeting(start=warsaw(2058, 6, 10), venue=venue, **fields)]
        )
        return admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    return render


def disclosures(html: str) -> dict:
    """The folded groups of the first meeting (the form of a meeting to add comes later)."""
    found = re.findall(
        r'<details class="meeting-disclosure"( open)?>\s*<summary[^>]*>([^<]+)</summary>', html
    )
    return {summary: bool(is_open) for is_open, summary in found[:3]}


@pytest.mark.django_db
def test_spheres_are_a_picker_over_a_select_in_legal_order(edit_html):
    html = edit_html()

    select = re.search(r'<select name="meetings-0-spheres"[^>]*>(.*?)</select>', html, re.S)
    assert "data-sphere-picker" in select.group(0)
    numbers = re.findall(r'<option value="\d+"[^>]*>\s*([\w]+)\. ', select.group(1))
    legal_order = list(
        Sphere.objects.filter(locale=polish())
        .order_by("sort_order")
        .values_list("number", flat=True)
    )
    assert numbers == legal_order
    assert numbers[:4] == ["1", "1a", "1aa", "1b"]
    assert 'data-placeholder="Wpisz nazwę lub numer sfery' in select.group(0)
    assert "meetings/admin/meetings_editor.js" in html


@pytest.mark.django_db
def test_the_chosen_venue_shows_its_address_room_and_floor(edit_html):
    html = edit_html()

    assert "Sala Obrad — pl. Wszystkich Świętych 3, sala 1, I piętro" in html


@pytest.mark.django_db
def test_registration_status_and_minutes_are_folded_unless_used(edit_html):
    assert disclosures(edit_html()) == {
        "Zapisy": False,
        "Odwołane, przełożone lub przeniesione": False,
        "Po spotkaniu": False,
    }


@pytest.mark.django_db
def test_a_folded_group_opens_when_the_meeting_uses_it(edit_html):
    html = edit_html(registration="required", registration_email="zapisy@example.org")

    assert disclosures(html)["Zapisy"] is True


@pytest.mark.django_db
def test_labels_are_not_repeated_and_organisers_are_added_in_polish(edit_html):
    html = edit_html()

    assert "Czy zapisy są wymagane?" in html
    assert "Dodaj organizatora" in html
    assert not re.search(r">\s*Zapisy\s*<.*?>\s*Zapisy\s*<span", html, re.S)
