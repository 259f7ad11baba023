"""An editor pastes an announcement, reviews what was recognised and saves a draft."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Consultation, Meeting, MeetingAnnouncementPage, Venue
from tests.factories import OrganizerFactory, VenueFactory, polish

REFERENCE = (Path(__file__).parent / "import_corpus" / "reference.txt").read_text()
URL = "/admin/meetings/import/"


@pytest.fixture
def editor(client, editor, index):
    """The editor, signed in."""
    client.force_login(editor)
    return editor


def counts():
    return (MeetingAnnouncementPage.objects.count(), Meeting.objects.count(), Venue.objects.count())


@pytest.mark.django_db
def test_the_import_form_is_in_polish(client, editor):
    html = client.get(URL).content.decode()

    assert "Importuj ogłoszenie" in html
    assert "Tekst ogłoszenia" in html
    assert "Sprawdź tekst" in html


@pytest.mark.django_db
def test_reviewing_the_reference_shows_what_was_recognised_and_saves_nothing(client, editor):
    before = counts()

    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()

    assert counts() == before
    assert "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in html
    assert "24 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in html
    assert "działalność na rzecz integracji cudzoziemców" in html
    assert "ochrona i promocja zdrowia" in html
    assert "ul. Dekerta 24" in html
    assert "Utwórz szkic" in html
    assert "<strong>nie rozpoznano</strong>" not in html


@pytest.mark.django_db
def test_saving_the_reference_creates_a_draft_with_its_two_meetings(client, editor, index):
    department = OrganizerFactory(name="Wydział Polityki Społecznej, Równości i Zdrowia")
    venue = VenueFactory(street_address="ul. Dekerta 24", room="sala konferencyjna")

    response = client.post(URL, {"text": REFERENCE, "action": "save"})

    page = MeetingAnnouncementPage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == index.pk
    assert page.live is False
    assert page.owner == editor
    assert page.title.startswith("Spotkania branżowe dla trzeciego sektora")
    assert str(page.publication_date) == "2025-06-10"
    assert [link.organizer for link in page.organizer_links.all()] == [department]
    meetings = list(page.meetings.order_by("start"))
    assert [m.start.isoformat() for m in meetings] == [
        "2025-06-10T15:00:00+00:00",
        "2025-06-24T15:00:00+00:00",
    ]
    assert [m.venue for m in meetings] == [venue, venue]
    assert [sorted(s.number for s in m.spheres.all()) for m in meetings] == [
        sorted(["5", "5a", "9", "13", "15", "22", "26", "33"]),
        sorted(["13", "7", "29", "10", "15", "31", "6", "32"]),
    ]
    assert page.get_latest_revision().user == editor
    assert "Oba spotkania odbędą się" in str(page.body)


@pytest.mark.django_db
def test_the_draft_belongs_to_the_consultation_the_text_names(client, editor):
    programme = Consultation.objects.create(
        title="Program Współpracy Gminy Miejskiej Kraków na rok 2026", locale=polish()
    )
    Consultation.objects.create(
        title="Program Współpracy Gminy Miejskiej Kraków na rok 2025", locale=polish()
    )

    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()
    client.post(URL, {"text": REFERENCE, "action": "save"})

    assert "<dt>Konsultacje</dt><dd>Program Współpracy Gminy Miejskiej Kraków na rok 2026</dd>" in (
        html
    )
    assert MeetingAnnouncementPage.objects.get().consultation == programme


@pytest.mark.django_db
def test_a_text_naming_no_known_consultation_leaves_it_to_the_editor(client, editor):
    Consultation.objects.create(title="Budżet obywatelski 2026", locale=polish())

    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()
    client.post(URL, {"text": REFERENCE, "action": "save"})

    assert "nie rozpoznano: wybierz ją w szkicu" in html
    assert MeetingAnnouncementPage.objects.get().consultation is None


@pytest.mark.django_db
def test_an_unknown_venue_is_created_once_for_all_its_meetings(client, editor):
    client.post(URL, {"text": REFERENCE, "action": "save"})

    venue = Venue.objects.get()
    assert venue.street_address == "ul. Dekerta 24"
    assert venue.floor == "III piętro"
    assert Meeting.objects.filter(venue=venue).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"text": ""}, "Tekst jest pusty"),
        ({"text": "   \n\n  "}, "Tekst jest pusty"),
        ({"text": "Spotkanie. " * 100_000}, "za długi"),
        (
            {"file": SimpleUploadedFile("plik.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")},
            "plik binarny",
        ),
    ],
)
def test_bad_input_gets_a_polish_error_and_saves_nothing(client, editor, form, message):
    before = counts()

    response = client.post(URL, {**form, "action": "save"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (REFERENCE.replace("10 czerwca 2025 roku (wtorek)", "31 czerwca 2025 roku (wtorek)"), "31"),
        (
            REFERENCE.replace("10 czerwca 2025 roku (wtorek)", "10 czerwca 2025 roku (środa)"),
            "środa",
        ),
        (REFERENCE.replace("w godzinach 17:00-19:00,", "w godzinach 19:00-17:00,"), "19:00"),
    ],
)
def test_a_conflict_is_shown_and_blocks_the_draft(client, editor, text, message):
    before = counts()

    html = client.post(URL, {"text": text, "action": "save"}).content.decode()

    assert counts() == before
    assert "help-critical" in html
    assert message in html
    assert "Utwórz szkic" not in html


@pytest.mark.django_db
def test_a_text_file_is_read_like_pasted_text(client, editor):
    windows_text = REFERENCE.replace("→ ", "").replace("\n", "\r\n").encode("cp1250")
    upload = SimpleUploadedFile("ogloszenie.txt", windows_text)

    html = client.post(URL, {"file": upload, "action": "review"}).content.decode()

    assert "24 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in html


@pytest.mark.django_db
def test_who_cannot_add_announcements_cannot_import(client, translator, index):
    client.force_login(translator)

    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"text": REFERENCE, "action": "save"}).status_code in (302, 403)
    assert not MeetingAnnouncementPage.objects.exists()


def test_the_review_says_how_each_sphere_was_found_and_which_to_check(client, editor):
    text = (
        "Spotkanie branżowe\n\n"
        "Zapraszamy organizacje realizujące zadania określone w art. 4 ust. 1 pkt 20 ustawy "
        "oraz organizacje działające w obszarze Polonii na spotkanie 15 kwietnia 2026 r. "
        "w godz. 10:00–12:00 w sali 4 przy ul. Lubelskiej 29.\n"
    )

    html = client.post(URL, {"text": text, "action": "review"}).content.decode()

    assert "Jak znaleziono" in html
    assert "po numerze punktu ustawy" in html
    assert "porządek i bezpieczeństwo publiczne" in html
    # Words that look like a sphere without matching one for sure are shown, never dropped.
    assert "„Polonii” może oznaczać sferę pożytku publicznego" in html
    assert "pomoc Polonii i Polakom za granicą" in html
