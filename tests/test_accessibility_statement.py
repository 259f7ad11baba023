"""The accessibility statement has the sections the Polish act requires, and the footer the
organiser's contacts."""

import re

import pytest

from home.models import AccessibilityStatementPage, HomePage
from meetings.models import Venue


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


@pytest.mark.django_db
def test_the_statement_has_every_section_the_act_requires(client, demo):
    html = client.get("/deklaracja-dostepnosci/").content.decode()

    assert headings(html)[:6] == [
        "Daty publikacji i aktualizacji",
        "Stan dostępności cyfrowej",
        "Przygotowanie deklaracji",
        "Informacje zwrotne i dane kontaktowe",
        "Procedura wnioskowo-skargowa",
        "Dostępność architektoniczna",
    ]
    assert "Strona internetowa jest częściowo zgodna z ustawą" in html
    assert "Deklarację sporządzono na podstawie samooceny" in html
    assert 'href="mailto:ps.umk@um.krakow.pl"' in html
    assert "nie później niż w ciągu 7 dni" in html
    assert 'href="https://bip.brpo.gov.pl/"' in html


@pytest.mark.django_db
def test_the_english_statement_is_in_english(client, demo):
    html = client.get("/en/accessibility-statement/").content.decode()

    assert "Compliance status" in headings(html)
    assert "This website is partially compliant with the Act" in html
    assert "Commissioner for Human Rights" in html


@pytest.mark.django_db
def test_the_venues_of_meetings_are_described_from_their_data(client, demo):
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    venues = html.split('class="venue-list"')[1].split("</ul>")[0]

    civic, dekerta = re.findall(r"<li>(.*?)</li>", venues, re.S)
    assert "Centrum Obywatelskie" in civic
    assert "Dostęp bez schodów." in civic
    assert "Pętla indukcyjna." in civic
    assert "ul. Dekerta 24" in dekerta
    assert "Nie mamy jeszcze informacji o dostępności tego miejsca" in dekerta


@pytest.mark.django_db
def test_a_venue_no_public_meeting_uses_is_not_listed(client, demo):
    Venue.objects.create(
        locale_id=AccessibilityStatementPage.objects.first().locale_id,
        name="Sala nieużywana",
        street_address="ul. Nieznana 1",
    )

    assert "Sala nieużywana" not in client.get("/deklaracja-dostepnosci/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/", ["Kontakt", "ul. Dekerta 24", "Ochrona danych osobowych", "Deklaracja dostępności"]),
        ("/en/", ["Contact", "ul. Dekerta 24", "Personal data protection", "Accessibility"]),
    ],
)
def test_every_page_has_a_footer_with_contacts_and_the_sites_notices(client, demo, url, words):
    footer = client.get(url).content.decode().split("<footer")[1]

    for word in words:
        assert word in footer
    assert 'href="https://www.bip.krakow.pl"' in footer
    assert 'href="tel:+48126167823"' in footer


@pytest.mark.django_db
def test_pages_carry_the_icons_and_the_manifest(client, demo):
    html = client.get("/").content.decode()

    for name in ("favicon", "emblem", "apple-touch-icon", "site"):
        assert re.search(rf'href="/static/[^"]*{name}[^"]*"', html), name


@pytest.mark.django_db
def test_a_translation_without_contacts_shows_the_source_pages_marked_as_polish(client, demo):
    HomePage.objects.filter(locale__language_code="en").update(
        organiser_name="", organiser_address="", contact_email=""
    )

    footer = client.get("/en/").content.decode().split("<footer")[1]

    assert '<strong lang="pl">Wydział Polityki Społecznej, Równości i Zdrowia</strong>' in footer
    assert 'href="mailto:ps.umk@um.krakow.pl"' in footer
    assert "Contact" in footer
